/* Vector table and reset entry for CPU0. */
#include <stdint.h>
#include "board.h"
#include "../cortex-m33/vectors.h"

extern uint32_t __bss_start, __bss_end;
int main(void);
void UART0RX_Handler(void);  /* uart_doorbell.c */
#define NUM_IRQ 48u /* enough to cover UART0 RX (32) */

__attribute__((section(".vectors"), used))
const vec_t vector_table[16u + NUM_IRQ] = {
	CM33_SYSTEM_VECTORS,
	[16u + UART0_RX_IRQ] = UART0RX_Handler,
};

void Reset_Handler(void)
{
	/* .data is in place (loaded by QEMU); only .bss needs zeroing. */
	for (uint32_t *p = &__bss_start; p < &__bss_end; p++)
		*p = 0;
	main();
	for (;;)
		__asm volatile("wfi");
}
