/* Armv8-M core registers and the contract between the shared Cortex-M33 code
 * (board.c, cfgblock.c, main.c) and each platform's board.h. */
#ifndef CORTEX_M33_H
#define CORTEX_M33_H

#include <stdint.h>
#include <stdbool.h>

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))

#define NVIC_ISER(n)    REG32(0xE000E100u + 4u * (n))
#define NVIC_ICPR(n)    REG32(0xE000E280u + 4u * (n))
#define SYST_CSR        REG32(0xE000E010u)
#define SYST_RVR        REG32(0xE000E014u)
#define SYST_CVR        REG32(0xE000E018u)
#define SCB_AIRCR       REG32(0xE000ED0Cu)

/* board.c */
void board_post_event(uint32_t ev);

/* Each platform's doorbell driver provides these. */
void doorbell_init(void);
/* Called just before a system reset, e.g. to let an ack byte leave a UART. */
void doorbell_before_reset(void);

#endif
