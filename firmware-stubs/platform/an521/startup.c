/* Vector table and reset entry for CPU0. */
#include <stdint.h>
#include "board.h"

extern uint32_t __stack_top, __bss_start, __bss_end;
int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void HardFault_Handler(void);
void SysTick_Handler(void);  /* board.c */
void UART0RX_Handler(void);  /* uart_doorbell.c */

typedef void (*vec_t)(void);

#define NUM_IRQ 48u /* enough to cover UART0 RX (32) */

__attribute__((section(".vectors"), used))
const vec_t vector_table[16u + NUM_IRQ] = {
	[0] = (vec_t)(uintptr_t)&__stack_top,
	[1] = Reset_Handler,
	[2] = Default_Handler,   /* NMI */
	[3] = HardFault_Handler,
	[4] = Default_Handler,   /* MemManage */
	[5] = Default_Handler,   /* BusFault */
	[6] = Default_Handler,   /* UsageFault */
	[7] = Default_Handler,   /* SecureFault */
	[11] = Default_Handler,  /* SVCall */
	[12] = Default_Handler,  /* DebugMonitor */
	[14] = Default_Handler,  /* PendSV */
	[15] = SysTick_Handler,
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

/* Fatal halt, like Zephyr's: stay here forever with the faulting context on
 * the stack. Interrupts cannot preempt HardFault, and WFI does not wake for
 * interrupts that could not be taken, so this does not spin the host CPU. */
void HardFault_Handler(void)
{
	for (;;)
		__asm volatile("wfi");
}

void Default_Handler(void)
{
	for (;;)
		__asm volatile("wfi");
}
