/* pbuf: the Zephyr 3.6+ icmsg FIFO format (one direction, one region).
 *
 * Region layout, H = max(A, hs ? 8 : 4), A = dcache alignment:
 *   0: rd_idx (reader)   4: handshake (reader, only if hs)   H: wr_idx (writer)
 *   H+4: data, blen = size - H - 4 bytes.
 * Packet: [len_hi len_lo 0 0] payload, padded to 4 (padding never written);
 * the header never straddles the end, the payload may wrap to data[0].
 *
 * Each side keeps a local copy of the index it owns and never trusts the
 * shared copy of it (the peer could corrupt it); the peer-owned index is
 * validated on every read. */
#ifndef ICM_PBUF_H
#define ICM_PBUF_H

#include <stdbool.h>
#include <stdint.h>

struct pbuf {
	volatile uint8_t *base;
	uint32_t size;
	uint32_t wr_off;   /* H: offset of wr_idx */
	uint32_t blen;
	bool hs;
	uint32_t rd;       /* reader's local rd_idx */
	uint32_t wr;       /* writer's local wr_idx */
	uint32_t next_rd;  /* rd after the packet returned by pbuf_peek */
};

/* Validates the geometry; 0 or -ICM_EINVAL. Touches no shared memory. */
int pbuf_init(struct pbuf *pb, void *base, uint32_t size, uint32_t align, bool hs);

/* Writer: shared wr = rd = 0 (peer-visible reset of this direction). */
void pbuf_tx_init(struct pbuf *pb);
/* Reader: local rd = 0 only. */
void pbuf_rx_init(struct pbuf *pb);

/* Returns len, -ICM_ENOMEM (no room now), -ICM_EINVAL (bad shared rd_idx),
 * -ICM_EBADMSG (len 0 or > 65535). Nothing is written on error. */
int pbuf_write(struct pbuf *pb, const void *data, uint32_t len);
/* True when the reader has consumed everything we wrote. */
/* Largest packet an empty FIFO accepts. */
uint32_t pbuf_max_packet(const struct pbuf *pb);

/* Copies the next packet into buf without consuming it. Returns its length,
 * 0 if empty, -ICM_EMSGSIZE (len > cap; *plen set), -ICM_EINVAL (bad shared
 * wr_idx), -ICM_EBADMSG (length inconsistent with the indexes). */
int pbuf_peek(struct pbuf *pb, uint8_t *buf, uint32_t cap, uint32_t *plen);
/* Consumes the packet returned by the last successful pbuf_peek. */
void pbuf_consume(struct pbuf *pb);

uint32_t pbuf_hs_read(struct pbuf *pb);
void pbuf_hs_write(struct pbuf *pb, uint32_t v);

#endif
