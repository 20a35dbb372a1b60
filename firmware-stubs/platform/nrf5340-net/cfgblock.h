/* CONFIG BLOCK at 0x2007F000 in the shared SRAM (LE u32), written by the host
 * (who plays the application core) before it starts the network core. Same
 * fields and values as the an521 block; only the addresses differ:
 *   0x20070000  host tx region = stub rx (0x800, the nRF icmsg sample)
 *   0x20078000  host rx region = stub tx (0x800)
 *   0x2007F000  config block (0x2C bytes)
 *   0x2007F100  control block (0x34 bytes), the default when no config block
 * All four lie in the last 64 KiB of app SRAM that the nRF icmsg sample
 * reserves for IPC, so a Zephyr app image would not overwrite them. */
#ifndef NRF5340_NET_CFGBLOCK_H
#define NRF5340_NET_CFGBLOCK_H

#include "../../app/app.h"

#define CFG_BLOCK_ADDR      0x2007F000u
#define CFG_MAGIC_VALUE     0x47464349u /* "ICFG" */
#define CFG_DEFAULT_RX      0x20070000u
#define CFG_DEFAULT_TX      0x20078000u
#define CFG_DEFAULT_SIZE    0x800u
#define CFG_DEFAULT_CONTROL 0x2007F100u

#define CFG_MAGIC   0x00u
#define CFG_VERSION 0x04u /* 1 */
#define CFG_WIRE    0x08u /* 0 pbuf, 1 spsc */
#define CFG_UNBOUND 0x0Cu /* 0 disable, 1 enable, 2 detect */
#define CFG_ALIGN   0x10u /* dcache alignment */
#define CFG_RX_ADDR 0x14u /* stub rx region (= host tx), absolute */
#define CFG_RX_SIZE 0x18u
#define CFG_TX_ADDR 0x1Cu
#define CFG_TX_SIZE 0x20u
#define CFG_RX_BUF  0x24u /* 0 = 128 */
#define CFG_CONTROL 0x28u /* control block address, 0 = none */

/* Fills cfg (defaults when the magic is absent). 0 or -ICM_EINVAL; cfg->control
 * is valid (or NULL) even on error so the failure can be reported there. */
int cfgblock_read(struct app_config *cfg);

#endif
