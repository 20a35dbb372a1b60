/* The Armv8-M system part of a vector table (entries 0-15), the same for every
 * stub; a platform's startup.c lists its IRQs after it. */
#ifndef CORTEX_M33_VECTORS_H
#define CORTEX_M33_VECTORS_H

#include <stdint.h>

typedef void (*vec_t)(void);

extern uint32_t __stack_top;
void Reset_Handler(void);     /* the platform's startup.c */
void Default_Handler(void);   /* faults.c */
void HardFault_Handler(void); /* faults.c */
void SysTick_Handler(void);   /* board.c */

#define CM33_SYSTEM_VECTORS                                   \
	[0] = (vec_t)(uintptr_t)&__stack_top,                 \
	[1] = Reset_Handler,                                  \
	[2] = Default_Handler,   /* NMI */                    \
	[3] = HardFault_Handler,                              \
	[4] = Default_Handler,   /* MemManage */              \
	[5] = Default_Handler,   /* BusFault */               \
	[6] = Default_Handler,   /* UsageFault */             \
	[7] = Default_Handler,   /* SecureFault */            \
	[11] = Default_Handler,  /* SVCall */                 \
	[12] = Default_Handler,  /* DebugMonitor */           \
	[14] = Default_Handler,  /* PendSV */                 \
	[15] = SysTick_Handler

#endif
