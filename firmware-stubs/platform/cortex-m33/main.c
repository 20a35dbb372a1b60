#include "board.h"
#include "cfgblock.h"
#include "../../app/app.h"
#include "../../app/control.h"

int main(void)
{
	struct app_config cfg;
	int r = cfgblock_read(&cfg);

	doorbell_init();
	if (r == 0) {
		r = app_init(&cfg); /* reports an icmsg config error itself */
	} else if (cfg.control) {
		control_boot(cfg.control);
		control_bad_config(cfg.control, r);
	}
	if (r == 0)
		app_run();
	for (;;)
		__asm volatile("wfi"); /* bad configuration: stay silent */
}
