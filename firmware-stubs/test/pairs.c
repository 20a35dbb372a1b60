/* Two C cores against each other in one process: bonding for every wire
 * generation and unbound pairing, then thousands of random-size messages
 * echoed back (wrap-around and back-pressure included), then close/re-open. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "../core/icm_err.h"
#include "../core/icmsg.h"

struct side {
	struct icmsg ic;
	struct side *peer;
	int doorbells;      /* pending, not yet processed */
	int bound, unbound, errors;
	int is_echo;
	/* sender bookkeeping: messages are generated from (seed, index) */
	unsigned sent, received;
	unsigned lens[1 << 16];
	unsigned seed;
	unsigned maxlen;
};

static unsigned long g_keeps;

static uint8_t gen(unsigned seed, unsigned idx, unsigned i)
{
	return (uint8_t)(seed * 31u + idx * 7u + i * 13u + (i >> 8));
}

static void s_signal(void *ctx)
{
	struct side *s = ctx;
	s->peer->doorbells++;
}

static void s_bound(void *ctx) { ((struct side *)ctx)->bound++; }
static void s_unbound(void *ctx) { ((struct side *)ctx)->unbound++; }
static void s_error(int e, void *ctx) { (void)e; ((struct side *)ctx)->errors++; }

static int s_received(const uint8_t *d, uint32_t len, void *ctx)
{
	struct side *s = ctx;

	if (s->is_echo) {
		int r = icmsg_send(&s->ic, d, len);
		if (r == -ICM_ENOMEM) {
			g_keeps++;
			return ICMSG_RX_KEEP; /* back-pressure, like the app */
		}
		CHECK_EQ(r, len);
		return ICMSG_RX_DONE;
	}
	CHECK(s->received < s->sent);
	CHECK_EQ(len, s->lens[s->received & 0xFFFF]);
	for (unsigned i = 0; i < len; i++)
		if (d[i] != gen(s->seed, s->received, i)) {
			fprintf(stderr, "mismatch msg %u byte %u\n", s->received, i);
			exit(1);
		}
	s->received++;
	return ICMSG_RX_DONE;
}

static const struct icmsg_cb cbs = {
	.bound = s_bound, .received = s_received, .unbound = s_unbound,
	.error = s_error, .signal = s_signal,
};

/* Deliver doorbells (and held retries, i.e. the app's tick) until quiet. */
static void pump(struct side *a, struct side *b)
{
	for (int guard = 0; guard < 1000000; guard++) {
		struct side *s = a->doorbells ? a : b->doorbells ? b
			: icmsg_rx_held(&a->ic) && guard % 2 ? a
			: icmsg_rx_held(&b->ic) ? b : icmsg_rx_held(&a->ic) ? a : 0;
		if (!s)
			return;
		s->doorbells = 0;
		icmsg_process(&s->ic);
	}
	CHECK(!"pump did not settle");
}

struct pairing {
	enum icmsg_wire wire;
	enum icmsg_unbound ua, ub;
	uint32_t align, region, rxbuf;
};

static void run_pairing(const struct pairing *p, int b_first)
{
	static struct side a, b;
	uint8_t *ra = aligned_alloc(32, p->region), *rb = aligned_alloc(32, p->region);
	uint8_t msg[4096];
	struct icmsg_config ca = {
		.wire = p->wire, .unbound = p->ua, .dcache_alignment = p->align,
		.rx_base = rb, .rx_size = p->region, .tx_base = ra, .tx_size = p->region,
		.rx_buf_size = p->rxbuf,
	};
	struct icmsg_config cb = ca;
	unsigned total = 3000;

	memset(ra, 0, p->region);
	memset(rb, 0, p->region);
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.peer = &b; b.peer = &a; b.is_echo = 1;
	a.seed = (unsigned)rand();
	cb.unbound = p->ub; cb.rx_base = ra; cb.tx_base = rb;
	CHECK_EQ(icmsg_init(&a.ic, &ca, &cbs, &a), 0);
	CHECK_EQ(icmsg_init(&b.ic, &cb, &cbs, &b), 0);
	if (b_first) {
		CHECK_EQ(icmsg_open(&b.ic), 0);
		CHECK_EQ(icmsg_open(&a.ic), 0);
	} else {
		CHECK_EQ(icmsg_open(&a.ic), 0);
		CHECK_EQ(icmsg_open(&b.ic), 0);
	}
	CHECK_EQ(icmsg_send(&a.ic, "x", 1), -ICM_EBUSY);
	pump(&a, &b);
	CHECK_EQ(a.bound, 1);
	CHECK_EQ(b.bound, 1);
	CHECK(icmsg_is_bound(&a.ic) && icmsg_is_bound(&b.ic));
	CHECK_EQ(icmsg_send(&a.ic, "x", 0), -ICM_ENODATA);

	a.maxlen = p->rxbuf;
	while (a.received < total) {
		/* Send a random batch until the FIFO says no, then let both run. */
		int batch = 1 + rand() % 8;
		while (batch-- > 0 && a.sent < total && a.sent - a.received < 60000) {
			unsigned len = 1 + (unsigned)rand() % a.maxlen, idx = a.sent;
			for (unsigned i = 0; i < len; i++)
				msg[i] = gen(a.seed, idx, i);
			int r = icmsg_send(&a.ic, msg, len);
			if (r == -ICM_ENOMEM)
				break;
			CHECK_EQ(r, len);
			a.lens[idx & 0xFFFF] = len;
			a.sent++;
		}
		pump(&a, &b);
	}
	CHECK_EQ(a.errors + b.errors, 0);

	if (p->ua != ICMSG_UNBOUND_DISABLE && p->ub != ICMSG_UNBOUND_DISABLE &&
	    icmsg_state(&a.ic) == ICMSG_STATE_CONNECTED_SID_ENABLED) {
		/* A closes: B notices on the doorbell, goes DISCONNECTED, drops sends. */
		CHECK_EQ(icmsg_close(&a.ic), 0);
		pump(&a, &b);
		CHECK_EQ(b.unbound, 1);
		CHECK_EQ(icmsg_state(&b.ic), ICMSG_STATE_DISCONNECTED);
		CHECK_EQ(icmsg_send(&b.ic, "abc", 3), 3);
		/* Both re-open (B's application does so after unbound): bound again. */
		CHECK_EQ(icmsg_open(&b.ic), 0);
		CHECK_EQ(icmsg_open(&a.ic), 0);
		pump(&a, &b);
		CHECK_EQ(a.bound, 2);
		CHECK_EQ(b.bound, 2);
		a.sent = a.received = 0;
		for (int i = 0; i < 50; i++) {
			unsigned len = 1 + (unsigned)rand() % a.maxlen;
			for (unsigned j = 0; j < len; j++)
				msg[j] = gen(a.seed, (unsigned)i, j);
			CHECK_EQ(icmsg_send(&a.ic, msg, len), len);
			a.lens[i] = len;
			a.sent++;
			pump(&a, &b);
		}
		CHECK_EQ(a.received, 50);
	}
	free(ra);
	free(rb);
}

static void oversize_stalls(void)
{
	/* A packet larger than the receiver's buffer is never consumed: the link
	 * stalls and the error is reported once, like Zephyr. */
	static struct side a, b;
	static _Alignas(64) uint8_t ra[512], rb[512];
	struct icmsg_config ca = {
		.wire = ICMSG_WIRE_PBUF, .unbound = ICMSG_UNBOUND_ENABLE, .dcache_alignment = 8,
		.rx_base = rb, .rx_size = 512, .tx_base = ra, .tx_size = 512, .rx_buf_size = 128,
	};
	struct icmsg_config cb = ca;
	uint8_t msg[200] = {0};

	memset(&a, 0, sizeof(a)); memset(&b, 0, sizeof(b));
	memset(ra, 0, sizeof(ra)); memset(rb, 0, sizeof(rb));
	a.peer = &b; b.peer = &a; b.is_echo = 1;
	cb.rx_base = ra; cb.tx_base = rb;
	CHECK_EQ(icmsg_init(&a.ic, &ca, &cbs, &a), 0);
	CHECK_EQ(icmsg_init(&b.ic, &cb, &cbs, &b), 0);
	icmsg_open(&a.ic); icmsg_open(&b.ic);
	pump(&a, &b);
	CHECK_EQ(icmsg_send(&a.ic, msg, 129), 129);
	CHECK_EQ(icmsg_send(&a.ic, msg, 10), 10);
	pump(&a, &b);
	CHECK_EQ(icmsg_send(&a.ic, msg, 10), 10);
	pump(&a, &b);
	CHECK_EQ(b.errors, 1);
	CHECK_EQ(a.received, 0);
}

void test_pairs(void)
{
	static const struct { enum icmsg_unbound a, b; } modes[] = {
		{ICMSG_UNBOUND_DISABLE, ICMSG_UNBOUND_DISABLE},
		{ICMSG_UNBOUND_ENABLE, ICMSG_UNBOUND_ENABLE},
		{ICMSG_UNBOUND_DETECT, ICMSG_UNBOUND_DISABLE},
		{ICMSG_UNBOUND_DISABLE, ICMSG_UNBOUND_DETECT},
		{ICMSG_UNBOUND_DETECT, ICMSG_UNBOUND_ENABLE},
		{ICMSG_UNBOUND_ENABLE, ICMSG_UNBOUND_DETECT},
		{ICMSG_UNBOUND_DETECT, ICMSG_UNBOUND_DETECT},
	};
	static const uint32_t aligns[] = {0, 4, 8, 32};
	static const struct { uint32_t region, rxbuf; } sizes[] = {
		{256, 128}, {0x800, 128}, {8192, 4096}, {96, 64},
	};
	int runs = 0;

	srand(12345);
	for (unsigned m = 0; m < sizeof(modes) / sizeof(modes[0]); m++)
		for (unsigned al = 0; al < 4; al++)
			for (unsigned sz = 0; sz < 4; sz++)
				for (int order = 0; order < 2; order++) {
					struct pairing p = {ICMSG_WIRE_PBUF, modes[m].a, modes[m].b,
							    aligns[al], sizes[sz].region, sizes[sz].rxbuf};
					int hs = p.ua != ICMSG_UNBOUND_DISABLE || p.ub != ICMSG_UNBOUND_DISABLE;
					if (hs && p.align < 8)
						continue;
					if (p.rxbuf + 8 > p.region - (p.align > 8 ? p.align : 8) - 4)
						p.rxbuf = p.region - (p.align > 8 ? p.align : 8) - 12;
					run_pairing(&p, order);
					runs++;
					if (m == 0) { /* spsc: 3.2-3.5 peers are disable-only */
						p.wire = ICMSG_WIRE_SPSC;
						/* spsc packets never wrap: past this size some
						 * empty-FIFO positions can never take them. */
						if (p.rxbuf > (p.region - 16) / 2 - 8)
							p.rxbuf = (p.region - 16) / 2 - 8;
						run_pairing(&p, order);
						runs++;
					}
				}
	oversize_stalls();
	printf("pairs: %d pairing runs x 3000 echoed messages, %lu back-pressure holds\n",
	       runs, g_keeps);
	CHECK(g_keeps > 100);
}
