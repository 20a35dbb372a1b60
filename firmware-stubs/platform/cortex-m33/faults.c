/* Fatal halt, like Zephyr's: stay here for ever with the faulting context on
 * the stack, where the host's watchdog finds it (IPSR 3 = HardFault).
 * Interrupts cannot preempt HardFault, and WFI does not wake for interrupts
 * that could not be taken, so this does not spin the host CPU. */
#include "vectors.h"

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
