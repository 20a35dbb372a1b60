/* Doorbell over UART0: one byte = one signal, value = channel. The ISR only
 * turns bytes into event bits; all icmsg work happens in the main loop. */
#include "board.h"
#include "../../app/platform.h"

void doorbell_init(void)
{
	UART_BAUDDIV = 16u;
	UART_CTRL = (1u << 0) | (1u << 1) | (1u << 3);
	NVIC_ISER(UART0_RX_IRQ / 32u) = 1u << (UART0_RX_IRQ % 32u);
}

static uint32_t drain(void)
{
	uint32_t ev = 0;
	while (UART_STATE & 2u)
		ev |= doorbell_event((uint8_t)UART_DATA);
	return ev;
}

void UART0RX_Handler(void)
{
	uint32_t ev = drain();
	UART_INTSTATUS = 2u;
	ev |= drain(); /* a byte that arrived before the clear raised no new edge */
	board_post_event(ev);
}

void platform_signal(uint8_t channel)
{
	while (UART_STATE & 1u)
		;
	UART_DATA = channel;
}

void doorbell_before_reset(void)
{
	while (UART_STATE & 1u) /* TX full: let the ack byte leave first */
		;
}
