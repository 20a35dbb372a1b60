/* spsc_pbuf: the Zephyr 3.2-3.5 icmsg FIFO format.
 *
 * Region: 0 len (= size - 16, written by the writer at init), 4 flags (= 1),
 * 8 rd_idx (reader), 12 wr_idx (writer), 16 data. Packets never wrap: when
 * one does not fit at the end the writer puts a 0xFF mark at data[wr] and
 * restarts at 0. Packet: [BE16 len][2 unwritten bytes] payload, pad to 4.
 *
 * Unlike pbuf, the reader uses the shared rd_idx like Zephyr 3.x did: the
 * peer's tx-init resets it, which is how a 3.x link resynchronises after the
 * writer re-initialises. It is still range-checked on every use. */
#ifndef ICM_SPSC_PBUF_H
#define ICM_SPSC_PBUF_H

#include <stdbool.h>
#include <stdint.h>

struct spsc_pbuf {
	volatile uint8_t *base;
	uint32_t size;
	uint32_t wr;       /* writer's local wr_idx */
	uint32_t next_rd;  /* rd after the packet returned by spsc_peek */
	uint32_t peek_blen;
};

int spsc_init(struct spsc_pbuf *sp, void *base, uint32_t size);
void spsc_tx_init(struct spsc_pbuf *sp);
void spsc_rx_init(struct spsc_pbuf *sp);
/* len, -ICM_ENOMEM, -ICM_EINVAL (bad shared rd_idx or len >= 0xFF00), -ICM_EBADMSG (len 0). */
int spsc_write(struct spsc_pbuf *sp, const void *data, uint32_t len);
/* Largest packet an empty FIFO takes wherever its indexes stand. */
uint32_t spsc_max_packet(struct spsc_pbuf *sp);
/* Same contract as pbuf_peek. */
int spsc_peek(struct spsc_pbuf *sp, uint8_t *buf, uint32_t cap, uint32_t *plen);
void spsc_consume(struct spsc_pbuf *sp);

#endif
