/* Vector table and reset entry of the network core. Unlike QEMU's -kernel,
 * a real part (and Renode's LoadELF, which loads segments at their load
 * address) leaves .data in flash: copy it to RAM, then zero .bss. */
#include <stdint.h>
#include "board.h"
#include "../cortex-m33/vectors.h"

extern uint32_t __bss_start, __bss_end;
extern uint32_t __data_start, __data_end, __data_load;
int main(void);
void IPC_IRQHandler(void);  /* ipc_doorbell.c */
#define NUM_IRQ 48u /* the net core has IRQs 0..47; IPC is 18 */

__attribute__((section(".vectors"), used))
const vec_t vector_table[16u + NUM_IRQ] = {
	CM33_SYSTEM_VECTORS,
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
