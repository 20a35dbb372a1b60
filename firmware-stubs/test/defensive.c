/* Corrupt shared indexes and lengths must give error codes, never an access
 * outside the region (the selftest runs under AddressSanitizer with regions
 * malloc'd to their exact size). */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "../core/icm_err.h"
#include "../core/pbuf.h"
#include "../core/spsc_pbuf.h"

static void put32(unsigned char *p, unsigned v)
{
	memcpy(p, &v, 4); /* the selftest host is little-endian (x86/ARM) */
}

static void targeted(void)
{
	unsigned char *m = aligned_alloc(8, 64);
	struct pbuf pb;
	uint8_t buf[128];

	memset(m, 0, 64);
	CHECK_EQ(pbuf_init(&pb, m, 64, 8, true), 0);   /* blen 52, wr @8, data @12 */
	put32(m + 8, 6);
	CHECK_EQ(pbuf_peek(&pb, buf, sizeof(buf), 0), -ICM_EINVAL); /* misaligned wr */
	put32(m + 8, 52);
	CHECK_EQ(pbuf_peek(&pb, buf, sizeof(buf), 0), -ICM_EINVAL); /* wr == blen */
	put32(m + 8, 8);
	m[12] = 0; m[13] = 5;                                      /* len 5 > occupied 8-4 */
	CHECK_EQ(pbuf_peek(&pb, buf, sizeof(buf), 0), -ICM_EBADMSG);
	m[13] = 0;
	CHECK_EQ(pbuf_peek(&pb, buf, sizeof(buf), 0), -ICM_EBADMSG); /* len 0 with data */
	m[13] = 4;
	CHECK_EQ(pbuf_peek(&pb, buf, 3, 0), -ICM_EMSGSIZE);
	CHECK_EQ(pbuf_peek(&pb, buf, 4, 0), 4);
	put32(m, 2);
	CHECK_EQ(pbuf_write(&pb, "x", 1), -ICM_EINVAL);             /* misaligned rd */
	put32(m, 1000);
	CHECK_EQ(pbuf_write(&pb, "x", 1), -ICM_EINVAL);
	CHECK_EQ(pbuf_init(&pb, m + 4, 56, 8, true), -ICM_EINVAL); /* base not A-aligned */
	CHECK_EQ(pbuf_init(&pb, m, 62, 0, false), -ICM_EINVAL);    /* size % 4 */
	CHECK_EQ(pbuf_init(&pb, m, 16, 8, false), -ICM_EINVAL);    /* blen < 12 */
	CHECK_EQ(pbuf_init(&pb, m, 64, 12, false), -ICM_EINVAL);   /* A not 2^n */
	free(m);
}

static void fuzz(void)
{
	enum { SZ = 96 };
	uint8_t buf[SZ];
	srand(7);
	for (int round = 0; round < 200000; round++) {
		unsigned char *m = malloc(SZ);
		int kind = round % 3;
		for (int i = 0; i < SZ; i++)
			m[i] = (unsigned char)rand();
		/* keep indexes small-ish half of the time so some reads succeed */
		if (round & 1) {
			for (int off = 0; off < 16; off += 4)
				put32(m + off, (unsigned)(rand() % 100));
		}
		if (kind < 2) {
			struct pbuf pb;
			CHECK_EQ(pbuf_init(&pb, m, SZ, kind ? 8 : 0, kind), 0);
			pb.rd = (uint32_t)(rand() % (int)pb.blen) & ~3u;
			pb.wr = (uint32_t)(rand() % (int)pb.blen) & ~3u;
			for (int k = 0; k < 4; k++) {
				int r = pbuf_peek(&pb, buf, (uint32_t)(rand() % SZ), 0);
				if (r > 0)
					pbuf_consume(&pb);
				(void)pbuf_write(&pb, buf, (uint32_t)(1 + rand() % SZ));
			}
		} else {
			struct spsc_pbuf sp;
			CHECK_EQ(spsc_init(&sp, m, SZ), 0);
			sp.wr = (uint32_t)(rand() % (SZ - 16)) & ~3u;
			for (int k = 0; k < 4; k++) {
				int r = spsc_peek(&sp, buf, (uint32_t)(rand() % SZ), 0);
				if (r > 0)
					spsc_consume(&sp);
				(void)spsc_write(&sp, buf, (uint32_t)(1 + rand() % SZ));
			}
		}
		free(m);
	}
}

void test_defensive(void)
{
	targeted();
	fuzz();
}
