/* nRF5340 network core: the registers this stub uses (nRF MDK addresses). */
#ifndef NRF5340_NET_H
#define NRF5340_NET_H

#include <stdint.h>

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))

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

#define NVIC_ISER(n)        REG32(0xE000E100u + 4u * (n))
#define NVIC_ICPR(n)        REG32(0xE000E280u + 4u * (n))
#define SYST_CSR            REG32(0xE000E010u)
#define SYST_RVR            REG32(0xE000E014u)
#define SYST_CVR            REG32(0xE000E018u)
#define SCB_AIRCR           REG32(0xE000ED0Cu)

/* The network core runs from a fixed 64 MHz clock (HFCLK). The platform
 * description gives Renode's SysTick the same frequency. */
#define SYSCLK_HZ           64000000u

/* The application core's SRAM as the network core sees it: regions, config
 * and control block must lie in it (the shared part is 0x20070000..). */
#define SHM_BASE            0x20000000u
#define SHM_SIZE            0x00080000u

void board_post_event(uint32_t ev);
void ipc_doorbell_init(void);

#endif
