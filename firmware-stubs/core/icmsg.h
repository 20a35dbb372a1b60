/* icmsg: one side of a Zephyr-compatible icmsg link (bonding + framing).
 *
 * Single-threaded by design: call icmsg_process() from the main loop when a
 * doorbell arrived (never from an ISR), and again on a periodic tick while
 * icmsg_rx_held() says the application refused a packet for lack of room. */
#ifndef ICMSG_H
#define ICMSG_H

#include <stdbool.h>
#include <stdint.h>
#include "fifo.h"

enum icmsg_unbound {
	ICMSG_UNBOUND_DISABLE = 0, /* 3.6 wire: magic packet, no session ids */
	ICMSG_UNBOUND_ENABLE = 1,  /* 4.1+: session ids in the handshake word */
	ICMSG_UNBOUND_DETECT = 2,  /* enable, falls back to magic if the peer sends it */
};

/* Numbering follows Zephyr 4.1's enum icmsg_state (initial states equal the
 * unbound modes + 1; every state >= CONNECTED_SID_DISABLED can send). */
enum icmsg_state {
	ICMSG_STATE_OFF = 0,
	ICMSG_STATE_INITIALIZING_SID_DISABLED = 1,
	ICMSG_STATE_INITIALIZING_SID_ENABLED = 2,
	ICMSG_STATE_INITIALIZING_SID_DETECT = 3,
	ICMSG_STATE_DISCONNECTED = 4,
	ICMSG_STATE_CONNECTED_SID_DISABLED = 5,
	ICMSG_STATE_CONNECTED_SID_ENABLED = 6,
};

#define ICMSG_RX_BUF_DEFAULT 128u  /* Zephyr CONFIG_PBUF_RX_READ_BUF_SIZE */
#define ICMSG_RX_BUF_MAX 4096u
#define ICMSG_MAGIC_LEN 13u

/* Return values of the received callback. */
#define ICMSG_RX_DONE 0  /* packet consumed */
#define ICMSG_RX_KEEP 1  /* leave it in the rx FIFO; retry via icmsg_process() */

struct icmsg_config {
	enum icmsg_wire wire;
	enum icmsg_unbound unbound;
	uint32_t dcache_alignment;  /* A; enable/detect need A >= 8 like Zephyr */
	void *rx_base;              /* region the peer writes */
	uint32_t rx_size;
	void *tx_base;              /* region we write */
	uint32_t tx_size;
	uint32_t rx_buf_size;       /* largest packet we accept; 0 = 128 */
};

struct icmsg_cb {
	void (*bound)(void *ctx);
	int (*received)(const uint8_t *data, uint32_t len, void *ctx);
	void (*unbound)(void *ctx);
	void (*error)(int err, void *ctx);  /* reported once per stall */
	void (*signal)(void *ctx);          /* ring the peer's doorbell */
};

struct icmsg {
	struct icmsg_config cfg;
	const struct icmsg_cb *cb;
	void *ctx;
	struct fifo rx, tx;
	enum icmsg_state state;
	uint16_t local_sid, remote_sid;
	bool rx_held;
	bool err_latched;
	uint32_t epoch;  /* bumps on open/close so a callback cannot race them */
	uint8_t rxbuf[ICMSG_RX_BUF_MAX] __attribute__((aligned(4)));
};

extern const uint8_t icmsg_magic[ICMSG_MAGIC_LEN];

/* Validates cfg and leaves the instance OFF. No shared memory is touched. */
int icmsg_init(struct icmsg *ic, const struct icmsg_config *cfg,
	       const struct icmsg_cb *cb, void *ctx);
int icmsg_open(struct icmsg *ic);
int icmsg_close(struct icmsg *ic);
/* len on success (and when DISCONNECTED: dropped), -ICM_EBUSY, -ICM_ENODATA,
 * -ICM_EBADMSG (> 65535), -ICM_ENOMEM (no room now), -ICM_EINVAL (corrupt rd_idx). */
int icmsg_send(struct icmsg *ic, const void *data, uint32_t len);
void icmsg_process(struct icmsg *ic);

static inline enum icmsg_state icmsg_state(const struct icmsg *ic) { return ic->state; }
static inline bool icmsg_rx_held(const struct icmsg *ic) { return ic->rx_held; }
static inline bool icmsg_is_bound(const struct icmsg *ic)
{
	return ic->state == ICMSG_STATE_CONNECTED_SID_DISABLED ||
	       ic->state == ICMSG_STATE_CONNECTED_SID_ENABLED;
}
/* True when the peer consumed all we sent: a -ICM_ENOMEM now means "never fits". */
static inline uint32_t icmsg_tx_max_packet(struct icmsg *ic) { return fifo_max_packet(&ic->tx); }

#endif
