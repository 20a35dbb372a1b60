/* The test vectors of docs/icmsg-wire-format.md, byte for byte. */
#include <string.h>
#include "check.h"
#include "../core/icm_err.h"
#include "../core/icmsg.h"
#include "../core/pbuf.h"
#include "../core/spsc_pbuf.h"

static _Alignas(64) unsigned char mem[64];

static void le32_put(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16); p[3] = (unsigned char)(v >> 24);
}

static void pbuf_vectors(void)
{
	struct pbuf pb;
	uint8_t a[10], buf[64];

	memset(mem, 0, sizeof(mem));
	CHECK_EQ(pbuf_init(&pb, mem, 64, 0, false), 0);
	CHECK_EQ(pb.blen, 56);
	pbuf_tx_init(&pb);
	CHECK_EQ(pbuf_write(&pb, "hello", 5), 5);
	check_bytes("pbuf hello", mem, "00000000 0c000000 00050000 68656c6c6f");

	memset(mem, 0, sizeof(mem));
	pbuf_tx_init(&pb);
	CHECK_EQ(pbuf_write(&pb, icmsg_magic, 13), 13);
	check_bytes("pbuf magic", mem, "00000000 14000000 000d0000 456d316c314b30726e336c6934");

	memset(mem, 0, sizeof(mem));
	CHECK_EQ(pbuf_init(&pb, mem, 64, 8, true), 0);
	pbuf_tx_init(&pb);
	CHECK_EQ(pbuf_write(&pb, icmsg_magic, 13), 13);
	check_bytes("pbuf A=8 HS magic", mem, "00000000 00000000 14000000 000d0000 456d316c314b30726e336c6934");

	/* wrap: rd = wr = 48 */
	memset(mem, 0, sizeof(mem));
	CHECK_EQ(pbuf_init(&pb, mem, 64, 0, false), 0);
	pb.wr = 48; le32_put(mem, 48); le32_put(mem + 4, 48);
	for (int i = 0; i < 10; i++) a[i] = (uint8_t)(0xA0 + i);
	CHECK_EQ(pbuf_write(&pb, a, 10), 10);
	check_bytes("wrap header", mem + 8 + 48, "000a0000 a0a1a2a3");
	check_bytes("wrap tail", mem + 8, "a4a5a6a7a8a9");
	CHECK_EQ(mem[4], 8);
	/* and read it back through the reader */
	pb.rd = 48;
	CHECK_EQ(pbuf_peek(&pb, buf, sizeof(buf), 0), 10);
	CHECK(memcmp(buf, a, 10) == 0);
	pbuf_consume(&pb);
	CHECK_EQ(mem[0], 8);

	/* header in the last word: rd = wr = 52 */
	memset(mem, 0, sizeof(mem));
	pb.wr = 52; le32_put(mem, 52); le32_put(mem + 4, 52);
	CHECK_EQ(pbuf_write(&pb, "\x11\x22\x33", 3), 3);
	check_bytes("last-word header", mem + 8 + 52, "00030000");
	check_bytes("last-word payload", mem + 8, "112233");
	CHECK_EQ(mem[4], 4);

	/* capacity */
	memset(mem, 0, sizeof(mem));
	pbuf_tx_init(&pb);
	CHECK_EQ(pbuf_write(&pb, buf, 49), -ICM_ENOMEM);
	CHECK_EQ(pbuf_write(&pb, buf, 48), 48);
	CHECK_EQ(mem[4], 52);
	CHECK_EQ(pbuf_write(&pb, buf, 1), -ICM_ENOMEM);
	CHECK_EQ(pbuf_max_packet(&pb), 48);
}

static void spsc_vectors(void)
{
	struct spsc_pbuf sp;
	uint8_t buf[64];

	memset(mem, 0, sizeof(mem));
	CHECK_EQ(spsc_init(&sp, mem, 64), 0);
	spsc_tx_init(&sp);
	CHECK_EQ(spsc_write(&sp, "hello", 5), 5);
	check_bytes("spsc hello", mem, "30000000 01000000 00000000 0c000000 00050000 68656c6c6f");
	CHECK_EQ(spsc_peek(&sp, buf, sizeof(buf), 0), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	spsc_consume(&sp);
	CHECK_EQ(mem[8], 12);

	/* Wrap with the 0xFF mark: rd = wr = 36, blen 48, 20-byte packet (space 24):
	 * remaining 12 < 24 and rd 36 > 24 -> mark at data[36], wr = 0, free = 32. */
	sp.wr = 36; le32_put(mem + 8, 36); le32_put(mem + 12, 36);
	memset(buf, 0x5A, 20);
	CHECK_EQ(spsc_write(&sp, buf, 20), 20);
	CHECK_EQ(mem[16 + 36], 0xFF);
	CHECK_EQ(mem[12], 24);
	check_bytes("spsc wrapped header", mem + 16, "0014");
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(spsc_peek(&sp, buf, sizeof(buf), 0), 20);
	CHECK_EQ(mem[8], 0); /* reader jumped over the mark */
	CHECK_EQ(buf[19], 0x5A);
	spsc_consume(&sp);
	CHECK_EQ(mem[8], 24);
	CHECK_EQ(spsc_write(&sp, buf, 0xFF00), -ICM_EINVAL);
}

static void handshake_vectors(void)
{
	static _Alignas(64) unsigned char app_tx[64], app_rx[64];
	struct icmsg app, net;
	struct icmsg_cb cb = {0};
	struct icmsg_config ca = {
		.wire = ICMSG_WIRE_PBUF, .unbound = ICMSG_UNBOUND_ENABLE, .dcache_alignment = 8,
		.rx_base = app_rx, .rx_size = 64, .tx_base = app_tx, .tx_size = 64,
	};
	struct icmsg_config cn = ca;

	cn.rx_base = app_tx; cn.tx_base = app_rx;
	CHECK_EQ(icmsg_init(&app, &ca, &cb, 0), 0);
	CHECK_EQ(icmsg_init(&net, &cn, &cb, 0), 0);
	/* Worked example of the doc, app opens first. */
	CHECK_EQ(icmsg_open(&app), 0);
	check_bytes("app hs sid 1", app_rx + 4, "01000000");
	CHECK_EQ(icmsg_open(&net), 0);
	check_bytes("net hs sid 2", app_tx + 4, "02000000");
	icmsg_process(&app);
	check_bytes("app acks 2", app_rx + 4, "01000200");
	icmsg_process(&net);
	check_bytes("net acks 1", app_tx + 4, "02000100");
	CHECK_EQ(icmsg_state(&net), ICMSG_STATE_CONNECTED_SID_ENABLED);
	icmsg_process(&app);
	CHECK_EQ(icmsg_state(&app), ICMSG_STATE_CONNECTED_SID_ENABLED);

	/* Zephyr refuses session ids without A >= 8, and spsc with them. */
	ca.dcache_alignment = 0;
	CHECK_EQ(icmsg_init(&app, &ca, &cb, 0), -ICM_EINVAL);
	ca.dcache_alignment = 8; ca.wire = ICMSG_WIRE_SPSC;
	CHECK_EQ(icmsg_init(&app, &ca, &cb, 0), -ICM_EINVAL);
}

void test_vectors(void)
{
	pbuf_vectors();
	spsc_vectors();
	handshake_vectors();
}
