/* BURST control command: the stub sends count messages of size bytes.
 * Message k: bytes 0..3 = k (LE u32), byte i >= 4 = (k + i) & 0xFF.
 * Like echo it never drops for lack of room: it stops and resumes on the tick. */
#include "app.h"
#include "../core/icm_err.h"

static uint8_t burst_buf[BURST_MAX_SIZE];

static void fill(uint32_t k, uint32_t size)
{
	for (uint32_t i = 0; i < size; i++)
		burst_buf[i] = i < 4u ? (uint8_t)(k >> (8u * i)) : (uint8_t)(k + i);
}

void burst_pump(struct app *a)
{
	struct burst *b = &a->burst;

	while (b->active && b->next < b->count) {
		int r;

		fill(b->next, b->size);
		r = icmsg_send(&a->ic, burst_buf, b->size);
		if (r == -ICM_ENOMEM && b->size <= icmsg_tx_max_packet(&a->ic))
			return; /* retry on the next tick */
		if (r == -ICM_EBUSY) {
			a->st.err++;
			b->active = false; /* link went down under us */
			return;
		}
		if (r == (int)b->size)
			a->st.tx++;
		else
			a->st.err++; /* never fits, or corrupt peer index */
		b->next++;
	}
	b->active = false;
}

int burst_start(struct app *a, uint32_t count, uint32_t size)
{
	if (size == 0u)
		return -ICM_ENODATA;
	if (size > BURST_MAX_SIZE)
		return -ICM_EINVAL;
	if (!icmsg_is_bound(&a->ic))
		return -ICM_EBUSY;
	a->burst.active = count > 0u;
	a->burst.next = 0;
	a->burst.count = count;
	a->burst.size = size;
	burst_pump(a);
	return 0;
}
