/* One direction of an icmsg link in either wire generation. A switch rather
 * than function pointers keeps the firmware small and the call sites obvious. */
#ifndef ICM_FIFO_H
#define ICM_FIFO_H

#include <stdbool.h>
#include <stdint.h>
#include "pbuf.h"
#include "spsc_pbuf.h"

enum icmsg_wire { ICMSG_WIRE_PBUF = 0, ICMSG_WIRE_SPSC = 1 };

struct fifo {
	enum icmsg_wire wire;
	union {
		struct pbuf pb;
		struct spsc_pbuf sp;
	} u;
};

int fifo_init(struct fifo *f, enum icmsg_wire wire, void *base, uint32_t size,
	      uint32_t align, bool hs);
void fifo_tx_init(struct fifo *f);
void fifo_rx_init(struct fifo *f);
int fifo_write(struct fifo *f, const void *data, uint32_t len);
/* Largest packet the (empty) FIFO is guaranteed to take. */
uint32_t fifo_max_packet(struct fifo *f);
int fifo_peek(struct fifo *f, uint8_t *buf, uint32_t cap, uint32_t *plen);
void fifo_consume(struct fifo *f);
/* Handshake word at offset 4 (pbuf with hs only; 0 otherwise). */
uint32_t fifo_hs_read(struct fifo *f);
void fifo_hs_write(struct fifo *f, uint32_t v);

#endif
