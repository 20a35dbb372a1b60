#include "app.h"
#include "platform.h"
#include "../core/icm_err.h"

static int on_received(const uint8_t *data, uint32_t len, void *ctx)
{
	struct app *a = ctx;
	int r;

	if (!a->echo_enabled) {
		a->st.rx++;
		return ICMSG_RX_DONE;
	}
	r = icmsg_send(&a->ic, data, len);
	/* No room: keep the packet in the rx FIFO so the host sees the
	 * back-pressure; retried from the tick. Decided by size, not by "is
	 * the tx FIFO empty now": the host may drain it between our write and
	 * that look, and a fitting packet would be dropped. Only a packet no
	 * empty FIFO can take is dropped rather than stall for ever. */
	if (r == -ICM_ENOMEM && len <= icmsg_tx_max_packet(&a->ic))
		return ICMSG_RX_KEEP;
	a->st.rx++;
	if (r == (int)len)
		a->st.tx++;
	else
		a->st.err++;
	return ICMSG_RX_DONE;
}

static void on_bound(void *ctx)
{
	(void)ctx;
}

static void on_unbound(void *ctx)
{
	struct app *a = ctx;
	a->burst.active = false;
	a->reopen_pending = true;
}

static void on_error(int err, void *ctx)
{
	struct app *a = ctx;
	(void)err;
	a->st.err++;
}

static void on_signal(void *ctx)
{
	(void)ctx;
	platform_signal(DB_STUB_ICMSG);
}

const struct icmsg_cb echo_callbacks = {
	.bound = on_bound,
	.received = on_received,
	.unbound = on_unbound,
	.error = on_error,
	.signal = on_signal,
};
