/* Events, sleep, tick, reset and fault: the same on every Cortex-M33 stub. */
#include "board.h"
#include "../../app/platform.h"

static volatile uint32_t pending_events;
static bool tick_on;

void board_post_event(uint32_t ev)
{
	/* Called from ISRs only; all our ISRs (doorbell, SysTick) share one
	 * priority, so they never nest and this read-modify-write cannot be torn. */
	pending_events |= ev;
}

void SysTick_Handler(void)
{
	board_post_event(APP_EV_TICK);
}

static void tick_enable(bool on)
{
	if (on == tick_on)
		return;
	tick_on = on;
	if (on) {
		SYST_RVR = SYSCLK_HZ / 1000u - 1u;
		SYST_CVR = 0;
		SYST_CSR = (1u << 2) | (1u << 1) | (1u << 0); /* cpu clock, int, enable */
	} else {
		SYST_CSR = 0; /* no 1 kHz wake-ups while idle */
	}
}

uint32_t platform_wait_events(bool need_tick)
{
	uint32_t ev;

	tick_enable(need_tick);
	/* Race-free sleep: with PRIMASK set an interrupt that arrives between
	 * the check and WFI still wakes WFI, and runs right after cpsie. */
	__asm volatile("cpsid i" ::: "memory");
	while (pending_events == 0u) {
		__asm volatile("wfi" ::: "memory");
		__asm volatile("cpsie i\n\tisb\n\tcpsid i" ::: "memory");
	}
	ev = pending_events;
	pending_events = 0;
	__asm volatile("cpsie i" ::: "memory");
	return ev;
}

void platform_reset(void)
{
	doorbell_before_reset(); /* the ack must leave before we go */
	__asm volatile("dsb" ::: "memory");
	SCB_AIRCR = 0x05FA0004u; /* VECTKEY | SYSRESETREQ */
	__asm volatile("dsb" ::: "memory");
	for (;;)
		;
}

void platform_fault(void)
{
	/* UDF with UsageFault disabled escalates to HardFault (IPSR 3). */
	__asm volatile("udf #0" ::: "memory");
	for (;;)
		;
}
