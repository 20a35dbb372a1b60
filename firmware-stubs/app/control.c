#include "control.h"
#include "platform.h"
#include "../core/icm_err.h"
#include "../core/shm.h"

void control_boot(volatile uint8_t *blk)
{
	/* boot_count survives resets because shared RAM does; a block without
	 * our magic is fresh. seq/ack_seq are left alone so a command the host
	 * wrote before we booted still runs, and an acknowledged one does not
	 * run twice. */
	uint32_t boots = shm_ld32(blk, CTL_MAGIC) == CTL_MAGIC_VALUE ? shm_ld32(blk, CTL_BOOT_COUNT) : 0u;

	shm_st32(blk, CTL_BOOT_COUNT, boots + 1u);
	shm_st32(blk, CTL_STATE, ICMSG_STATE_OFF);
	shm_st32(blk, CTL_RX_COUNT, 0);
	shm_st32(blk, CTL_TX_COUNT, 0);
	shm_st32(blk, CTL_ERR_COUNT, 0);
	shm_st32(blk, CTL_ECHO, 1);
	shm_barrier();
	shm_st32(blk, CTL_MAGIC, CTL_MAGIC_VALUE);
	shm_barrier();
}

void control_bad_config(volatile uint8_t *blk, int err)
{
	shm_st32(blk, CTL_RESULT, (uint32_t)err);
	shm_st32(blk, CTL_ERR_COUNT, 1);
	shm_barrier();
	shm_st32(blk, CTL_STATE, CTL_STATE_BAD_CONFIG);
	shm_barrier();
}

void control_publish(struct app *a)
{
	volatile uint8_t *blk = a->control;

	shm_st32(blk, CTL_STATE, (uint32_t)icmsg_state(&a->ic));
	shm_st32(blk, CTL_RX_COUNT, a->st.rx);
	shm_st32(blk, CTL_TX_COUNT, a->st.tx);
	shm_st32(blk, CTL_ERR_COUNT, a->st.err);
	shm_st32(blk, CTL_ECHO, a->echo_enabled ? 1u : 0u);
}

static int32_t execute(struct app *a, uint32_t cmd, uint32_t arg0, uint32_t arg1)
{
	switch (cmd) {
	case CTL_CMD_NOP:
	case CTL_CMD_RESET:     /* acted on after the ack */
	case CTL_CMD_HARDFAULT:
		return 0;
	case CTL_CMD_CLOSE:
		a->burst.active = false;
		return icmsg_close(&a->ic);
	case CTL_CMD_OPEN:
		a->burst.active = false;
		return icmsg_open(&a->ic);
	case CTL_CMD_ECHO_OFF:
		a->echo_enabled = false;
		return 0;
	case CTL_CMD_ECHO_ON:
		a->echo_enabled = true;
		return 0;
	case CTL_CMD_BURST:
		return burst_start(a, arg0, arg1);
	default:
		return -ICM_EINVAL;
	}
}

void control_poll(struct app *a)
{
	volatile uint8_t *blk = a->control;

	for (;;) {
		uint32_t seq = shm_ld32(blk, CTL_SEQ), cmd, arg0, arg1;
		int32_t res;

		if (seq == shm_ld32(blk, CTL_ACK_SEQ))
			return;
		shm_barrier(); /* args were written before seq */
		cmd = shm_ld32(blk, CTL_CMD);
		arg0 = shm_ld32(blk, CTL_ARG0);
		arg1 = shm_ld32(blk, CTL_ARG1);
		res = execute(a, cmd, arg0, arg1);

		control_publish(a);
		shm_st32(blk, CTL_RESULT, (uint32_t)res);
		shm_barrier(); /* result and status before the ack */
		shm_st32(blk, CTL_ACK_SEQ, seq);
		shm_barrier();
		platform_signal(DB_STUB_CONTROL);

		if (cmd == CTL_CMD_RESET)
			platform_reset();
		if (cmd == CTL_CMD_HARDFAULT)
			platform_fault();
	}
}
