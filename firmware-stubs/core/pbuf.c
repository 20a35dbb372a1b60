#include "pbuf.h"
#include "icm_err.h"
#include "shm.h"

#define RD_OFF 0u
#define HS_OFF 4u
#define HDR 4u

static bool pow2_or_zero(uint32_t v)
{
	return (v & (v - 1u)) == 0u;
}

int pbuf_init(struct pbuf *pb, void *base, uint32_t size, uint32_t align, bool hs)
{
	uint32_t min_h = hs ? 8u : 4u;
	uint32_t h = align > min_h ? align : min_h;
	uint32_t base_align = align > 4u ? align : 4u;

	if (!base || !pow2_or_zero(align) || align > 4096u)
		return -ICM_EINVAL;
	if (((uintptr_t)base & (base_align - 1u)) != 0u || (size & 3u) != 0u)
		return -ICM_EINVAL;
	if (size < h + HDR + 12u) /* blen >= 12 */
		return -ICM_EINVAL;
	pb->base = base;
	pb->size = size;
	pb->wr_off = h;
	pb->blen = size - h - HDR;
	pb->hs = hs;
	pb->rd = pb->wr = pb->next_rd = 0;
	return 0;
}

static volatile uint8_t *data(struct pbuf *pb)
{
	return pb->base + pb->wr_off + HDR;
}

void pbuf_tx_init(struct pbuf *pb)
{
	pb->wr = 0;
	shm_st32(pb->base, pb->wr_off, 0);
	shm_st32(pb->base, RD_OFF, 0);
	shm_barrier();
}

void pbuf_rx_init(struct pbuf *pb)
{
	pb->rd = 0;
	pb->next_rd = 0;
}

static bool idx_ok(const struct pbuf *pb, uint32_t idx)
{
	return (idx & 3u) == 0u && idx < pb->blen;
}

static uint32_t occupied(const struct pbuf *pb, uint32_t wr, uint32_t rd)
{
	return rd > wr ? pb->blen - (rd - wr) : wr - rd;
}

int pbuf_write(struct pbuf *pb, const void *src, uint32_t len)
{
	const uint8_t *p = src;
	volatile uint8_t *d = data(pb);
	uint32_t rd, wr = pb->wr, free_sp, pos, first;

	if (len == 0u || len > 0xFFFFu)
		return -ICM_EBADMSG;
	rd = shm_ld32(pb->base, RD_OFF);
	shm_barrier();
	if (!idx_ok(pb, rd))
		return -ICM_EINVAL;
	/* One word is always kept free so that rd == wr means empty. */
	free_sp = pb->blen - occupied(pb, wr, rd) - HDR;
	if (len + HDR > free_sp)
		return -ICM_ENOMEM;

	/* Header word: BE16 length then two zero bytes. */
	shm_st32(d, wr, ((len >> 8) & 0xFFu) | ((len & 0xFFu) << 8));
	pos = wr + HDR;
	if (pos >= pb->blen)
		pos = 0;
	first = pb->blen - pos;
	if (first > len)
		first = len;
	shm_copy_out(d + pos, p, first);
	shm_copy_out(d, p + first, len - first);

	wr = roundup4(wr + HDR + len) % pb->blen;
	pb->wr = wr;
	shm_barrier(); /* payload before the index that publishes it */
	shm_st32(pb->base, pb->wr_off, wr);
	return (int)len;
}

uint32_t pbuf_max_packet(const struct pbuf *pb)
{
	return pb->blen - 2u * HDR;
}

int pbuf_peek(struct pbuf *pb, uint8_t *buf, uint32_t cap, uint32_t *plen)
{
	volatile uint8_t *d = data(pb);
	uint32_t wr, rd = pb->rd, len, pos, first;

	wr = shm_ld32(pb->base, pb->wr_off);
	shm_barrier(); /* no data read may pass the index read */
	if (!idx_ok(pb, wr))
		return -ICM_EINVAL;
	if (wr == rd)
		return 0;
	len = ((uint32_t)d[rd] << 8) | d[rd + 1u];
	if (plen)
		*plen = len;
	if (len == 0u || len + HDR > occupied(pb, wr, rd))
		return -ICM_EBADMSG;
	if (len > cap)
		return -ICM_EMSGSIZE;
	pos = rd + HDR;
	if (pos >= pb->blen)
		pos = 0;
	first = pb->blen - pos;
	if (first > len)
		first = len;
	shm_copy_in(buf, d + pos, first);
	shm_copy_in(buf + first, d, len - first);
	pb->next_rd = roundup4(rd + HDR + len) % pb->blen;
	return (int)len;
}

void pbuf_consume(struct pbuf *pb)
{
	pb->rd = pb->next_rd;
	shm_barrier(); /* finish reading the payload before freeing it */
	shm_st32(pb->base, RD_OFF, pb->rd);
}

uint32_t pbuf_hs_read(struct pbuf *pb)
{
	uint32_t v = pb->hs ? shm_ld32(pb->base, HS_OFF) : 0u;
	shm_barrier();
	return v;
}

void pbuf_hs_write(struct pbuf *pb, uint32_t v)
{
	if (!pb->hs)
		return;
	shm_barrier();
	shm_st32(pb->base, HS_OFF, v);
	shm_barrier();
}
