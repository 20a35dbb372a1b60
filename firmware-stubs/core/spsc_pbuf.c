#include "spsc_pbuf.h"
#include "icm_err.h"
#include "shm.h"

#define LEN_OFF 0u
#define FLAGS_OFF 4u
#define RD_OFF 8u
#define WR_OFF 12u
#define DATA_OFF 16u
#define HDR 4u
#define SKIP_MARK 0xFFu

int spsc_init(struct spsc_pbuf *sp, void *base, uint32_t size)
{
	if (!base || ((uintptr_t)base & 3u) != 0u || (size & 3u) != 0u || size < DATA_OFF + 16u)
		return -ICM_EINVAL;
	sp->base = base;
	sp->size = size;
	sp->wr = sp->next_rd = sp->peek_blen = 0;
	return 0;
}

static volatile uint8_t *data(struct spsc_pbuf *sp)
{
	return sp->base + DATA_OFF;
}

static uint32_t my_blen(const struct spsc_pbuf *sp)
{
	return sp->size - DATA_OFF;
}

void spsc_tx_init(struct spsc_pbuf *sp)
{
	sp->wr = 0;
	shm_st32(sp->base, LEN_OFF, my_blen(sp));
	shm_st32(sp->base, FLAGS_OFF, 1);
	shm_st32(sp->base, RD_OFF, 0);
	shm_st32(sp->base, WR_OFF, 0);
	shm_barrier();
}

void spsc_rx_init(struct spsc_pbuf *sp)
{
	sp->next_rd = 0;
}

static void publish(volatile uint8_t *base, uint32_t off, uint32_t v)
{
	shm_barrier();
	shm_st32(base, off, v);
	shm_barrier();
}

int spsc_write(struct spsc_pbuf *sp, const void *src, uint32_t len)
{
	uint32_t blen = my_blen(sp), rd, wr = sp->wr, space = len + HDR;
	int32_t free_sp;

	if (len == 0u)
		return -ICM_EBADMSG;
	if (len >= 0xFF00u)
		return -ICM_EINVAL;
	rd = shm_ld32(sp->base, RD_OFF);
	shm_barrier();
	if ((rd & 3u) != 0u || rd >= blen)
		return -ICM_EINVAL;

	if (wr >= rd) {
		uint32_t remaining = blen - wr;
		if (remaining >= space || rd <= space) {
			free_sp = (int32_t)remaining - (rd > 0u ? 0 : (int32_t)HDR);
		} else {
			/* Wrap: mark the tail unused and restart at 0. Zephyr 3.3+
			 * publishes this even if the packet is refused below. */
			data(sp)[wr] = SKIP_MARK;
			wr = 0;
			sp->wr = 0;
			publish(sp->base, WR_OFF, 0);
			free_sp = (int32_t)rd - (int32_t)HDR;
		}
	} else {
		free_sp = (int32_t)rd - (int32_t)wr - (int32_t)HDR;
	}
	if ((int32_t)len > free_sp - (int32_t)HDR)
		return -ICM_ENOMEM;

	/* Only the two length bytes of the header are written. */
	data(sp)[wr] = (uint8_t)(len >> 8);
	data(sp)[wr + 1u] = (uint8_t)len;
	shm_copy_out(data(sp) + wr + HDR, src, len);
	wr = roundup4(wr + len + HDR);
	if (wr == blen)
		wr = 0;
	sp->wr = wr;
	publish(sp->base, WR_OFF, wr);
	return (int)len;
}

/* Packets never wrap: with rd = wr = X an empty FIFO takes a packet after X
 * (blen - X - 4 bytes) or, wrapped, before it (X - 8). The smallest of the
 * best choices over all X is what is guaranteed to fit eventually. */
uint32_t spsc_max_packet(struct spsc_pbuf *sp)
{
	uint32_t blen = my_blen(sp), best = blen - 8u, x;

	for (x = 4u; x < blen; x += 4u) {
		uint32_t after = blen - x - 4u, before = x >= 8u ? x - 8u : 0u;
		uint32_t here = after > before ? after : before;
		if (here < best)
			best = here;
	}
	return best < 0xFEFFu ? best : 0xFEFFu;
}

/* Reads and validates the peer header; 0 = not initialised yet. */
static uint32_t peer_blen(struct spsc_pbuf *sp, int *err)
{
	uint32_t blen = shm_ld32(sp->base, LEN_OFF);
	*err = 0;
	if (blen != 0u && ((blen & 3u) != 0u || blen > my_blen(sp) || blen < 16u))
		*err = -ICM_EINVAL;
	return blen;
}

int spsc_peek(struct spsc_pbuf *sp, uint8_t *buf, uint32_t cap, uint32_t *plen)
{
	int err;
	uint32_t blen = peer_blen(sp, &err), rd, wr, len;

	if (err || blen == 0u)
		return err;
	wr = shm_ld32(sp->base, WR_OFF);
	rd = shm_ld32(sp->base, RD_OFF);
	shm_barrier();
	if ((wr & 3u) || wr >= blen || (rd & 3u) || rd >= blen)
		return -ICM_EINVAL;
	if (rd == wr)
		return 0;
	if (data(sp)[rd] == SKIP_MARK) {
		rd = 0;
		publish(sp->base, RD_OFF, 0);
		if (rd == wr)
			return 0;
	}
	len = ((uint32_t)data(sp)[rd] << 8) | data(sp)[rd + 1u];
	if (plen)
		*plen = len;
	/* Packets are contiguous and must end before wr (or before blen when wr is behind). */
	if (len == 0u || rd + HDR + len > (wr > rd ? wr : blen))
		return -ICM_EBADMSG;
	if (len > cap)
		return -ICM_EMSGSIZE;
	shm_copy_in(buf, data(sp) + rd + HDR, len);
	sp->next_rd = roundup4(rd + HDR + len);
	sp->peek_blen = blen;
	return (int)len;
}

void spsc_consume(struct spsc_pbuf *sp)
{
	uint32_t rd = sp->next_rd, wr;

	if (rd >= sp->peek_blen) {
		rd = 0;
	} else {
		wr = shm_ld32(sp->base, WR_OFF);
		shm_barrier();
		if (rd != wr && data(sp)[rd] == SKIP_MARK)
			rd = 0;
	}
	publish(sp->base, RD_OFF, rd);
}
