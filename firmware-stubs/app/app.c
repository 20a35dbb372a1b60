#include "app.h"
#include "control.h"
#include "platform.h"
#include "../core/mem.h"

struct app g_app;

int app_init(const struct app_config *cfg)
{
	int r;

	/* Everything starts from scratch, also on a native "reset". */
	icm_memset(&g_app, 0, sizeof(g_app));
	g_app.echo_enabled = true;
	g_app.control = cfg->control;
	if (g_app.control)
		control_boot(g_app.control);

	r = icmsg_init(&g_app.ic, &cfg->icmsg, &echo_callbacks, &g_app);
	if (r) {
		if (g_app.control)
			control_bad_config(g_app.control, r);
		return r;
	}
	(void)icmsg_open(&g_app.ic);
	if (g_app.control) {
		control_publish(&g_app);
		control_poll(&g_app); /* a command written before we booted */
		control_publish(&g_app);
	}
	return 0;
}

void app_run(void)
{
	for (;;) {
		bool need_tick = icmsg_rx_held(&g_app.ic) || g_app.burst.active;
		uint32_t ev = platform_wait_events(need_tick);

		if (ev & APP_EV_QUIT)
			return;
		/* Hosts never signal after consuming (neither does Zephyr): a held
		 * packet or an unfinished burst is retried on the tick. */
		if ((ev & APP_EV_ICMSG) || icmsg_rx_held(&g_app.ic))
			icmsg_process(&g_app.ic);
		if (g_app.reopen_pending) {
			g_app.reopen_pending = false;
			(void)icmsg_open(&g_app.ic);
		}
		burst_pump(&g_app);
		if (g_app.control) {
			if (ev & APP_EV_CONTROL)
				control_poll(&g_app);
			control_publish(&g_app);
		}
	}
}
