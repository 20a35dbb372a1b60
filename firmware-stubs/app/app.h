/* The echo application: every received message goes back unchanged and in
 * order; back-pressure is kept (never drops) by leaving packets in the rx
 * FIFO while the tx FIFO is full. An optional control block lets tests make
 * the stub misbehave; without it the behaviour is a plain echo. */
#ifndef APP_H
#define APP_H

#include <stdbool.h>
#include <stdint.h>
#include "../core/icmsg.h"

#define BURST_MAX_SIZE 4096u

struct app_config {
	struct icmsg_config icmsg;
	volatile uint8_t *control; /* NULL: no control block */
};

struct app_stats {
	uint32_t rx, tx, err;
};

struct burst {
	bool active;
	uint32_t next, count, size;
};

struct app {
	struct icmsg ic;
	struct app_stats st;
	bool echo_enabled;
	/* Peer closed or re-opened: open again from the main loop, as an
	 * application that calls ipc_service_open_instance() on unbound does. */
	bool reopen_pending;
	struct burst burst;
	volatile uint8_t *control;
};

extern struct app g_app;

/* Boot: (re)initialises everything, opens the link. Returns 0 or the
 * negative icmsg_init error (bad configuration). */
int app_init(const struct app_config *cfg);
/* Main loop; returns only when the platform reports APP_EV_QUIT. */
void app_run(void);

/* echo.c */
extern const struct icmsg_cb echo_callbacks;
/* burst.c */
int burst_start(struct app *a, uint32_t count, uint32_t size);
void burst_pump(struct app *a);

#endif
