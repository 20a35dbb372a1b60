#include "fifo.h"
#include "icm_err.h"

int fifo_init(struct fifo *f, enum icmsg_wire wire, void *base, uint32_t size,
	      uint32_t align, bool hs)
{
	f->wire = wire;
	if (wire == ICMSG_WIRE_PBUF)
		return pbuf_init(&f->u.pb, base, size, align, hs);
	if (wire == ICMSG_WIRE_SPSC && !hs)
		return spsc_init(&f->u.sp, base, size);
	return -ICM_EINVAL;
}

void fifo_tx_init(struct fifo *f)
{
	if (f->wire == ICMSG_WIRE_PBUF)
		pbuf_tx_init(&f->u.pb);
	else
		spsc_tx_init(&f->u.sp);
}

void fifo_rx_init(struct fifo *f)
{
	if (f->wire == ICMSG_WIRE_PBUF)
		pbuf_rx_init(&f->u.pb);
	else
		spsc_rx_init(&f->u.sp);
}

int fifo_write(struct fifo *f, const void *data, uint32_t len)
{
	return f->wire == ICMSG_WIRE_PBUF ? pbuf_write(&f->u.pb, data, len)
					  : spsc_write(&f->u.sp, data, len);
}

uint32_t fifo_max_packet(struct fifo *f)
{
	return f->wire == ICMSG_WIRE_PBUF ? pbuf_max_packet(&f->u.pb) : spsc_max_packet(&f->u.sp);
}

int fifo_peek(struct fifo *f, uint8_t *buf, uint32_t cap, uint32_t *plen)
{
	return f->wire == ICMSG_WIRE_PBUF ? pbuf_peek(&f->u.pb, buf, cap, plen)
					  : spsc_peek(&f->u.sp, buf, cap, plen);
}

void fifo_consume(struct fifo *f)
{
	if (f->wire == ICMSG_WIRE_PBUF)
		pbuf_consume(&f->u.pb);
	else
		spsc_consume(&f->u.sp);
}

uint32_t fifo_hs_read(struct fifo *f)
{
	return f->wire == ICMSG_WIRE_PBUF ? pbuf_hs_read(&f->u.pb) : 0u;
}

void fifo_hs_write(struct fifo *f, uint32_t v)
{
	if (f->wire == ICMSG_WIRE_PBUF)
		pbuf_hs_write(&f->u.pb, v);
}
