/* icmsg configuration from the CONFIG BLOCK the host pre-writes into the
 * shared RAM, so one ELF serves every wire/unbound/layout combination. */
#include "board.h"
#include "cfgblock.h"
#include "../../app/control.h"
#include "../../core/icm_err.h"
#include "../../core/shm.h"

static bool in_shm(uint32_t addr, uint32_t size)
{
	return addr >= SHM_BASE && size <= SHM_SIZE && addr - SHM_BASE <= SHM_SIZE - size;
}

int cfgblock_read(struct app_config *cfg)
{
	volatile uint8_t *b = (volatile uint8_t *)(uintptr_t)CFG_BLOCK_ADDR;
	uint32_t rx, rxs, tx, txs, ctl;

	if (shm_ld32(b, CFG_MAGIC) != CFG_MAGIC_VALUE) {
		/* Defaults of the nRF5340 icmsg sample (host = app core). */
		cfg->icmsg.wire = ICMSG_WIRE_PBUF;
		cfg->icmsg.unbound = ICMSG_UNBOUND_ENABLE;
		cfg->icmsg.dcache_alignment = 8;
		cfg->icmsg.rx_base = (void *)(uintptr_t)CFG_DEFAULT_RX;
		cfg->icmsg.rx_size = CFG_DEFAULT_SIZE;
		cfg->icmsg.tx_base = (void *)(uintptr_t)CFG_DEFAULT_TX;
		cfg->icmsg.tx_size = CFG_DEFAULT_SIZE;
		cfg->icmsg.rx_buf_size = 128;
		cfg->control = (volatile uint8_t *)(uintptr_t)CFG_DEFAULT_CONTROL;
		return 0;
	}
	ctl = shm_ld32(b, CFG_CONTROL);
	cfg->control = ctl && in_shm(ctl, CTL_SIZE) && !(ctl & 3u)
			       ? (volatile uint8_t *)(uintptr_t)ctl : 0;
	rx = shm_ld32(b, CFG_RX_ADDR);
	rxs = shm_ld32(b, CFG_RX_SIZE);
	tx = shm_ld32(b, CFG_TX_ADDR);
	txs = shm_ld32(b, CFG_TX_SIZE);
	cfg->icmsg.wire = (enum icmsg_wire)shm_ld32(b, CFG_WIRE);
	cfg->icmsg.unbound = (enum icmsg_unbound)shm_ld32(b, CFG_UNBOUND);
	cfg->icmsg.dcache_alignment = shm_ld32(b, CFG_ALIGN);
	cfg->icmsg.rx_base = (void *)(uintptr_t)rx;
	cfg->icmsg.rx_size = rxs;
	cfg->icmsg.tx_base = (void *)(uintptr_t)tx;
	cfg->icmsg.tx_size = txs;
	cfg->icmsg.rx_buf_size = shm_ld32(b, CFG_RX_BUF);
	if (shm_ld32(b, CFG_VERSION) != 1u || (ctl && !cfg->control) ||
	    !in_shm(rx, rxs) || !in_shm(tx, txs) || cfg->icmsg.wire > ICMSG_WIRE_SPSC)
		return -ICM_EINVAL;
	return 0;
}
