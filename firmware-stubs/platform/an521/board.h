/* mps2-an521: what the shared Cortex-M33 code needs to know about this board
 * (secure aliases, SAU off). */
#ifndef BOARD_H
#define BOARD_H

#include "../cortex-m33/cortex_m33.h"

/* CMSDK APB UART0: the doorbell, its chardev is -serial (serial_hd(0)). */
#define UART0_BASE      0x50200000u
#define UART_DATA       REG32(UART0_BASE + 0x00u)
#define UART_STATE      REG32(UART0_BASE + 0x04u)  /* b0 TX full, b1 RX full */
#define UART_CTRL       REG32(UART0_BASE + 0x08u)  /* b0 TX_EN, b1 RX_EN, b3 RX_INTEN */
#define UART_INTSTATUS  REG32(UART0_BASE + 0x0Cu)  /* write 1 to clear; b1 RX */
#define UART_BAUDDIV    REG32(UART0_BASE + 0x10u)  /* QEMU ignores the UART below 16 */
#define UART0_RX_IRQ    32u

#define SYSCLK_HZ       25000000u

/* Machine RAM "mps.ram": the shared-memory file on the host side. */
#define SHM_BASE        0x80000000u
#define SHM_SIZE        0x01000000u

/* Config block and the defaults used without one (the nRF5340 sample's layout). */
#define CFG_BLOCK_ADDR      0x80FF0000u
#define CFG_DEFAULT_RX      0x80000000u
#define CFG_DEFAULT_TX      0x80008000u
#define CFG_DEFAULT_SIZE    0x800u
#define CFG_DEFAULT_CONTROL 0x80FF1000u

#endif
