/* State machine written from the facts in docs/icmsg-wire-format.md and the
 * behaviour of Zephyr 4.1+ icmsg.c (see the doc for the cases it confirms). */
#include "icmsg.h"
#include "icm_err.h"
#include "mem.h"

const uint8_t icmsg_magic[ICMSG_MAGIC_LEN] = {
	0x45, 0x6d, 0x31, 0x6c, 0x31, 0x4b, 0x30, 0x72, 0x6e, 0x33, 0x6c, 0x69, 0x34,
};

#define SID_REQ(hs) ((uint16_t)((hs) & 0xFFFFu))
#define SID_ACK(hs) ((uint16_t)((hs) >> 16))

static void notify(struct icmsg *ic)
{
	if (ic->cb->signal)
		ic->cb->signal(ic->ctx);
}

static void report(struct icmsg *ic, int err)
{
	if (ic->err_latched)
		return;
	ic->err_latched = true;
	if (ic->cb->error)
		ic->cb->error(err, ic->ctx);
}

static bool overlap(const void *a, uint32_t as, const void *b, uint32_t bs)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
	return x < y + bs && y < x + as;
}

int icmsg_init(struct icmsg *ic, const struct icmsg_config *cfg,
	       const struct icmsg_cb *cb, void *ctx)
{
	bool hs = cfg->unbound != ICMSG_UNBOUND_DISABLE;
	int r;

	ic->state = ICMSG_STATE_OFF;
	if ((unsigned)cfg->unbound > ICMSG_UNBOUND_DETECT)
		return -ICM_EINVAL;
	/* Zephyr refuses session ids without the 8-byte rd/hs line (A >= 8),
	 * and spsc_pbuf (3.2-3.5) has no handshake word at all. */
	if (hs && (cfg->wire != ICMSG_WIRE_PBUF || cfg->dcache_alignment < 8u))
		return -ICM_EINVAL;
	if (cfg->rx_buf_size > ICMSG_RX_BUF_MAX)
		return -ICM_EINVAL;
	if (overlap(cfg->rx_base, cfg->rx_size, cfg->tx_base, cfg->tx_size))
		return -ICM_EINVAL;
	r = fifo_init(&ic->rx, cfg->wire, cfg->rx_base, cfg->rx_size, cfg->dcache_alignment, hs);
	if (r)
		return r;
	r = fifo_init(&ic->tx, cfg->wire, cfg->tx_base, cfg->tx_size, cfg->dcache_alignment, hs);
	if (r)
		return r;
	ic->cfg = *cfg;
	if (ic->cfg.rx_buf_size == 0u)
		ic->cfg.rx_buf_size = ICMSG_RX_BUF_DEFAULT;
	ic->cb = cb;
	ic->ctx = ctx;
	ic->local_sid = ic->remote_sid = 0;
	ic->rx_held = ic->err_latched = false;
	ic->epoch = 0;
	return 0;
}

static int start_sid_disabled(struct icmsg *ic)
{
	int r;

	fifo_tx_init(&ic->tx);
	r = fifo_write(&ic->tx, icmsg_magic, ICMSG_MAGIC_LEN);
	return r < 0 ? r : 0;
}

int icmsg_open(struct icmsg *ic)
{
	int r;

	if (ic->cfg.unbound == ICMSG_UNBOUND_DISABLE) {
		if (ic->state != ICMSG_STATE_OFF)
			return -ICM_EALREADY;
		fifo_rx_init(&ic->rx);
		r = start_sid_disabled(ic);
		if (r)
			return r;
		ic->state = ICMSG_STATE_INITIALIZING_SID_DISABLED;
	} else {
		/* Like Zephyr, enable/detect may re-open from any state (this is
		 * how a side leaves DISCONNECTED). Pick a sid that is neither 0 nor
		 * what the peer still acknowledges, so the peer sees a change. */
		uint32_t peer = fifo_hs_read(&ic->tx);
		uint16_t sid = SID_REQ(peer);

		fifo_rx_init(&ic->rx);
		do {
			sid = (uint16_t)(sid + 1u);
		} while (sid == 0u || sid == SID_ACK(peer));
		ic->local_sid = sid;
		ic->remote_sid = 0;
		fifo_hs_write(&ic->rx, sid);
		ic->state = ic->cfg.unbound == ICMSG_UNBOUND_ENABLE
				    ? ICMSG_STATE_INITIALIZING_SID_ENABLED
				    : ICMSG_STATE_INITIALIZING_SID_DETECT;
	}
	ic->rx_held = ic->err_latched = false;
	ic->epoch++;
	notify(ic);
	return 0;
}

int icmsg_close(struct icmsg *ic)
{
	if (ic->cfg.unbound != ICMSG_UNBOUND_DISABLE)
		fifo_hs_write(&ic->rx, 0);
	notify(ic); /* Zephyr signals on close in every mode */
	ic->state = ICMSG_STATE_OFF;
	ic->rx_held = false;
	ic->epoch++;
	return 0;
}

int icmsg_send(struct icmsg *ic, const void *data, uint32_t len)
{
	int r;

	if (!icmsg_is_bound(ic))
		return ic->state == ICMSG_STATE_DISCONNECTED ? (int)len : -ICM_EBUSY;
	if (len == 0u)
		return -ICM_ENODATA;
	if (len > 0xFFFFu)
		return -ICM_EBADMSG;
	r = fifo_write(&ic->tx, data, len);
	if (r < 0)
		return r;
	notify(ic);
	return r;
}

/* DETECT: is the first packet from the peer exactly the magic? Peeks only. */
static bool magic_first(struct icmsg *ic)
{
	int n = fifo_peek(&ic->rx, ic->rxbuf, ICMSG_MAGIC_LEN, 0);
	return n == (int)ICMSG_MAGIC_LEN && icm_memcmp(ic->rxbuf, icmsg_magic, ICMSG_MAGIC_LEN) == 0;
}

static bool handshake_step(struct icmsg *ic)
{
	uint32_t peer = fifo_hs_read(&ic->tx);
	uint16_t req = SID_REQ(peer);
	bool signal = false, rerun = false;

	if (req != ic->remote_sid && req != 0u) {
		/* The peer re-reads its session before using our indexes, so
		 * resetting them now is safe. */
		fifo_tx_init(&ic->tx);
		ic->remote_sid = req;
		fifo_hs_write(&ic->rx, (uint32_t)ic->local_sid | ((uint32_t)req << 16));
		signal = true;
	}
	if (SID_ACK(peer) == ic->local_sid && ic->remote_sid != 0u) {
		ic->state = ICMSG_STATE_CONNECTED_SID_ENABLED;
		if (ic->cb->bound)
			ic->cb->bound(ic->ctx);
		signal = rerun = true; /* the peer may already have sent data */
	}
	if (signal)
		notify(ic);
	return rerun;
}

static bool magic_ok(const struct icmsg *ic, int len)
{
	/* 3.6+ accepts a longer first packet (future versions); 3.2-3.5 wanted exactly 13. */
	if (ic->cfg.wire == ICMSG_WIRE_SPSC ? len != (int)ICMSG_MAGIC_LEN : len < (int)ICMSG_MAGIC_LEN)
		return false;
	return icm_memcmp(ic->rxbuf, icmsg_magic, ICMSG_MAGIC_LEN) == 0;
}

static bool data_step(struct icmsg *ic)
{
	enum icmsg_state st = ic->state;
	int len = fifo_peek(&ic->rx, ic->rxbuf, ic->cfg.rx_buf_size, 0);
	uint32_t epoch = ic->epoch;

	if (st == ICMSG_STATE_CONNECTED_SID_ENABLED &&
	    SID_REQ(fifo_hs_read(&ic->tx)) != ic->remote_sid) {
		/* Peer closed or re-opened: whatever we just read belongs to a
		 * dead session. Stay here until our application re-opens. */
		ic->state = ICMSG_STATE_DISCONNECTED;
		ic->rx_held = false;
		if (ic->cb->unbound)
			ic->cb->unbound(ic->ctx);
		return false;
	}
	if (len == 0)
		return false;
	if (len < 0) {
		/* Too big for our buffer or corrupt: leave it, the link stalls
		 * exactly like Zephyr's does. */
		report(ic, len);
		return false;
	}
	ic->err_latched = false;
	if (st == ICMSG_STATE_INITIALIZING_SID_DISABLED) {
		fifo_consume(&ic->rx);
		if (!magic_ok(ic, len))
			return false; /* dropped; stay unbound */
		ic->state = ICMSG_STATE_CONNECTED_SID_DISABLED;
		if (ic->cb->bound)
			ic->cb->bound(ic->ctx);
		notify(ic);
	} else {
		int keep = ic->cb->received ? ic->cb->received(ic->rxbuf, (uint32_t)len, ic->ctx)
					    : ICMSG_RX_DONE;
		if (ic->epoch != epoch)
			return false; /* callback closed/re-opened: indexes were reset */
		if (keep == ICMSG_RX_KEEP) {
			ic->rx_held = true;
			return false;
		}
		ic->rx_held = false;
		fifo_consume(&ic->rx);
	}
	/* Rerun while data is pending (a peek with cap 0 is non-zero then). */
	return fifo_peek(&ic->rx, 0, 0, 0) != 0;
}

static bool process_once(struct icmsg *ic)
{
	switch (ic->state) {
	case ICMSG_STATE_INITIALIZING_SID_DETECT:
		if (magic_first(ic)) {
			/* Peer is a disable-mode (3.6-4.0 style) side: answer in kind. */
			if (start_sid_disabled(ic)) {
				report(ic, -ICM_EINVAL);
				ic->state = ICMSG_STATE_OFF;
				return false;
			}
			ic->state = ICMSG_STATE_INITIALIZING_SID_DISABLED;
			notify(ic);
			return true;
		}
		/* fall through */
	case ICMSG_STATE_INITIALIZING_SID_ENABLED:
		return handshake_step(ic);
	case ICMSG_STATE_INITIALIZING_SID_DISABLED:
	case ICMSG_STATE_CONNECTED_SID_DISABLED:
	case ICMSG_STATE_CONNECTED_SID_ENABLED:
		return data_step(ic);
	default:
		return false; /* OFF, DISCONNECTED: doorbells are ignored */
	}
}

void icmsg_process(struct icmsg *ic)
{
	while (process_once(ic))
		;
}
