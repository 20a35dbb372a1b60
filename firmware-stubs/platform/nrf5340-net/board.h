/* nRF5340 network core: the registers this stub uses (nRF MDK addresses). */
#ifndef BOARD_H
#define BOARD_H

#include "../cortex-m33/cortex_m33.h"

/* IPC of the network core. Register offsets are those of the nRF5340 IPC
 * peripheral; app core IPC is at 0x5002A000 with the same layout. */
#define IPC_BASE            0x41012000u
#define IPC_TASKS_SEND(n)   REG32(IPC_BASE + 0x000u + 4u * (n))
#define IPC_EVENTS_RECV(n)  REG32(IPC_BASE + 0x100u + 4u * (n))
#define IPC_INTENSET        REG32(IPC_BASE + 0x304u)
#define IPC_INTENCLR        REG32(IPC_BASE + 0x308u)
#define IPC_INTPEND         REG32(IPC_BASE + 0x30Cu)
#define IPC_SEND_CNF(n)     REG32(IPC_BASE + 0x510u + 4u * (n))
#define IPC_RECEIVE_CNF(n)  REG32(IPC_BASE + 0x590u + 4u * (n))
#define IPC_CHANNELS        16u
#define IPC_IRQ             18u /* peripheral id = (base >> 12) & 0xFF */


/* The network core runs from a fixed 64 MHz clock (HFCLK). The platform
 * description gives Renode's SysTick the same frequency. */
#define SYSCLK_HZ           64000000u

/* The application core's SRAM as the network core sees it: regions, config
 * and control block must lie in it (the shared part is 0x20070000..). */
#define SHM_BASE            0x20000000u
#define SHM_SIZE            0x00080000u

/* Shared SRAM layout (agreed with platforms/renode/README.md); all of it lies in
 * the last 64 KiB of app SRAM that the nRF icmsg sample reserves for IPC:
 *   0x20070000  host tx region = stub rx (0x800, the nRF icmsg sample)
 *   0x20078000  host rx region = stub tx (0x800)
 *   0x2007F000  config block (0x2C bytes)
 *   0x2007F100  control block (0x34 bytes), the default when no config block */
#define CFG_BLOCK_ADDR      0x2007F000u
#define CFG_DEFAULT_RX      0x20070000u
#define CFG_DEFAULT_TX      0x20078000u
#define CFG_DEFAULT_SIZE    0x800u
#define CFG_DEFAULT_CONTROL 0x2007F100u

#endif
