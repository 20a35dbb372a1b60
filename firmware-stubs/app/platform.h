/* What the application needs from a board. Implemented by platform/an521
 * (QEMU), platform/native (host process) and later an nRF5340 net core. */
#ifndef APP_PLATFORM_H
#define APP_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

/* Doorbell bytes: one byte = one signal, its value is the channel. */
#define DB_HOST_ICMSG   0u  /* host -> stub: icmsg doorbell */
#define DB_STUB_ICMSG   1u  /* stub -> host: icmsg doorbell */
#define DB_HOST_CONTROL 2u  /* host -> stub: control command written */
#define DB_STUB_CONTROL 3u  /* stub -> host: control command acknowledged */

/* Event bits returned by platform_wait_events(). */
#define APP_EV_ICMSG   (1u << 0)
#define APP_EV_CONTROL (1u << 1)
#define APP_EV_TICK    (1u << 2)  /* ~1 ms retry tick, only when requested */
#define APP_EV_QUIT    (1u << 3)  /* native only: host closed the doorbell */

/* Maps one received doorbell byte to an event bit; unknown bytes -> 0. */
static inline uint32_t doorbell_event(uint8_t byte)
{
	return byte == DB_HOST_ICMSG ? APP_EV_ICMSG : byte == DB_HOST_CONTROL ? APP_EV_CONTROL : 0u;
}

void platform_signal(uint8_t channel);
/* Sleeps until at least one event is pending, returns and clears them.
 * need_tick: also wake about every millisecond (back-pressure retries). */
uint32_t platform_wait_events(bool need_tick);
/* Full reset as if power-cycled; shared RAM is kept. */
void platform_reset(void) __attribute__((noreturn));
/* A real fatal fault (HardFault on ARM, abort() natively). */
void platform_fault(void) __attribute__((noreturn));

#endif
