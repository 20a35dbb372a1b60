/* Doorbell over the network core's IPC peripheral, configured the way
 * Zephyr's mbox driver does it (SEND_CNF[n] = RECEIVE_CNF[n] = 1 << n), so
 * mbox channel n is IPC channel n end to end:
 *   receive 0 (host icmsg) and 2 (host control), send 1 (icmsg) and 3 (ack).
 * The ISR only turns pending events into event bits; icmsg runs in main. */
#include "board.h"
#include "../../app/platform.h"

#define RX_CHANNELS ((1u << DB_HOST_ICMSG) | (1u << DB_HOST_CONTROL))
#define TX_CHANNELS ((1u << DB_STUB_ICMSG) | (1u << DB_STUB_CONTROL))

void doorbell_init(void)
{
	for (uint32_t ch = 0; ch < IPC_CHANNELS; ch++) {
		uint32_t bit = 1u << ch;

		IPC_SEND_CNF(ch) = (TX_CHANNELS & bit) ? bit : 0u;
		IPC_RECEIVE_CNF(ch) = (RX_CHANNELS & bit) ? bit : 0u;
		IPC_EVENTS_RECV(ch) = 0u; /* stale events from before a reset */
	}
	IPC_INTENCLR = ~RX_CHANNELS;
	IPC_INTENSET = RX_CHANNELS;
	NVIC_ICPR(IPC_IRQ / 32u) = 1u << (IPC_IRQ % 32u);
	NVIC_ISER(IPC_IRQ / 32u) = 1u << (IPC_IRQ % 32u);
}

void IPC_IRQHandler(void)
{
	uint32_t pend = IPC_INTPEND;
	uint32_t ev = 0;

	/* Clear each pending event before acting on it: a send that arrives
	 * after the clear raises the event (and the IRQ) again, none is lost. */
	for (uint32_t ch = 0; ch < IPC_CHANNELS; ch++) {
		if (pend & (1u << ch)) {
			IPC_EVENTS_RECV(ch) = 0u;
			ev |= doorbell_event((uint8_t)ch);
		}
	}
	(void)IPC_EVENTS_RECV(0); /* read back: the clear has reached the peripheral */
	board_post_event(ev);
}

void platform_signal(uint8_t channel)
{
	if (channel < IPC_CHANNELS)
		IPC_TASKS_SEND(channel) = 1u;
}

void doorbell_before_reset(void)
{
	/* An IPC task takes effect at once: nothing is left in flight. */
}
