/* Vector table and reset entry of the network core. Unlike QEMU's -kernel,
 * a real part (and Renode's LoadELF, which loads segments at their load
 * address) leaves .data in flash: copy it to RAM, then zero .bss. */
#include <stdint.h>
#include "board.h"

extern uint32_t __stack_top, __bss_start, __bss_end;
extern uint32_t __data_start, __data_end, __data_load;
int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void HardFault_Handler(void);
void SysTick_Handler(void); /* board.c */
void IPC_IRQHandler(void);  /* ipc_doorbell.c */

typedef void (*vec_t)(void);

#define NUM_IRQ 48u /* the net core has IRQs 0..47; IPC is 18 */

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
	[16u + IPC_IRQ] = IPC_IRQHandler,
};

void Reset_Handler(void)
{
	uint32_t *src = &__data_load;

	for (uint32_t *p = &__data_start; p < &__data_end; p++)
		*p = *src++;
	for (uint32_t *p = &__bss_start; p < &__bss_end; p++)
		*p = 0;
	main();
	for (;;)
		__asm volatile("wfi");
}

/* Fatal halt, like Zephyr's: stay here with the faulting context on the
 * stack. WFI does not wake for interrupts that cannot be taken. */
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
