/* CONFIG BLOCK (LE u32) the host writes into shared RAM before boot. Its
 * address and the defaults are the platform's (board.h: CFG_BLOCK_ADDR,
 * CFG_DEFAULT_RX/TX/SIZE/CONTROL); the fields are the same everywhere. */
#ifndef CFGBLOCK_H
#define CFGBLOCK_H

#include "../../app/app.h"

#define CFG_MAGIC_VALUE     0x47464349u /* "ICFG" */

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
