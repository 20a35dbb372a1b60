/* The platform API for a host process: the doorbell is a unix stream socket
 * (one byte per signal), the tick is poll()'s 1 ms timeout, "reset" restarts
 * the application from main's setjmp with the same mapping and socket (what
 * QEMU's system reset keeps too), and a fault is abort(). */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "native.h"
#include "../../app/platform.h"

int native_doorbell_fd = -1;
jmp_buf native_reset_point;

void platform_signal(uint8_t channel)
{
	for (;;) {
		ssize_t n = send(native_doorbell_fd, &channel, 1, MSG_NOSIGNAL);
		if (n == 1)
			return;
		if (n < 0 && errno == EINTR)
			continue;
		_exit(0); /* host went away: same as EOF */
	}
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint32_t platform_wait_events(bool need_tick)
{
	static uint64_t last_tick;
	uint32_t ev = 0;

	for (;;) {
		struct pollfd p = {.fd = native_doorbell_fd, .events = POLLIN};
		int n = poll(&p, 1, need_tick ? 1 : -1);

		if (n < 0 && errno != EINTR)
			return APP_EV_QUIT;
		if (n > 0 && p.revents) {
			uint8_t buf[256];
			ssize_t r = recv(native_doorbell_fd, buf, sizeof(buf), MSG_DONTWAIT);

			if (r == 0)
				return APP_EV_QUIT; /* EOF: host closed the doorbell */
			if (r < 0 && errno != EINTR && errno != EAGAIN)
				return APP_EV_QUIT;
			for (ssize_t i = 0; i < r; i++)
				ev |= doorbell_event(buf[i]);
		}
		/* Tick on elapsed time, not on poll timeouts alone, so steady
		 * doorbell traffic cannot starve the retries. */
		if (need_tick && now_ns() - last_tick >= 1000000ull) {
			last_tick = now_ns();
			ev |= APP_EV_TICK;
		}
		if (ev)
			return ev;
	}
}

void platform_reset(void)
{
	longjmp(native_reset_point, 1);
}

void platform_fault(void)
{
	abort();
}
