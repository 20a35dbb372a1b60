/* mps2-an521 / Armv8-M registers we use (secure aliases, SAU off). */
#ifndef AN521_H
#define AN521_H

#include <stdint.h>

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))

/* CMSDK APB UART0: the doorbell, its chardev is -serial (serial_hd(0)). */
#define UART0_BASE      0x50200000u
#define UART_DATA       REG32(UART0_BASE + 0x00u)
#define UART_STATE      REG32(UART0_BASE + 0x04u)  /* b0 TX full, b1 RX full */
#define UART_CTRL       REG32(UART0_BASE + 0x08u)  /* b0 TX_EN, b1 RX_EN, b3 RX_INTEN */
#define UART_INTSTATUS  REG32(UART0_BASE + 0x0Cu)  /* write 1 to clear; b1 RX */
#define UART_BAUDDIV    REG32(UART0_BASE + 0x10u)  /* QEMU ignores the UART below 16 */
#define UART0_RX_IRQ    32u

#define NVIC_ISER(n)    REG32(0xE000E100u + 4u * (n))
#define SYST_CSR        REG32(0xE000E010u)
#define SYST_RVR        REG32(0xE000E014u)
#define SYST_CVR        REG32(0xE000E018u)
#define SCB_AIRCR       REG32(0xE000ED0Cu)

#define SYSCLK_HZ       25000000u

/* Machine RAM "mps.ram": the shared-memory file on the host side. */
#define SHM_BASE        0x80000000u
#define SHM_SIZE        0x01000000u

void board_post_event(uint32_t ev);
void uart_doorbell_init(void);

#endif
