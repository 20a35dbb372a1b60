/* icmsg-native-peer: the echo stub as a host process, configured only by
 * environment variables (see README.md, "native peer contract"). */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "env.h"
#include "native.h"
#include "../../app/app.h"
#include "../../app/control.h"

static struct app_config cfg;
static struct icmsg scratch; /* validates the layout before anything is written */

static void on_term(int sig)
{
	(void)sig;
	_exit(0); /* async-signal-safe; no cleanup needed (the host owns the files) */
}

static uint8_t *map_shm(const char *path, uint64_t *size)
{
	struct stat st;
	int fd = open(path, O_RDWR);
	void *p;

	if (fd < 0)
		env_fail("ICMSG_SHM_PATH", "cannot open '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || st.st_size <= 0)
		env_fail("ICMSG_SHM_PATH", "'%s' is empty or cannot be sized", path);
	p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		env_fail("ICMSG_SHM_PATH", "cannot mmap '%s': %s", path, strerror(errno));
	close(fd);
	*size = (uint64_t)st.st_size;
	return p;
}

static void *region(uint8_t *shm, uint64_t shm_size, const char *off_var, const char *size_var,
		    uint32_t *size)
{
	uint32_t off = env_u32(off_var, true, 0, NULL);

	*size = env_u32(size_var, true, 0, NULL);
	if ((uint64_t)off + *size > shm_size)
		env_fail(off_var, "region 0x%x+0x%x is outside the %llu-byte file", off, *size,
			 (unsigned long long)shm_size);
	return shm + off;
}

static int connect_doorbell(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		env_fail("ICMSG_DOORBELL_SOCKET", "path too long for a unix socket");
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		env_fail("ICMSG_DOORBELL_SOCKET", "cannot connect to '%s': %s", path, strerror(errno));
	return fd;
}

static void read_config(void)
{
	static const char *const wires[] = {"pbuf", "spsc", NULL};
	static const char *const modes[] = {"disable", "enable", "detect", NULL};
	uint64_t shm_size;
	uint8_t *shm = map_shm(env_str("ICMSG_SHM_PATH"), &shm_size);
	bool has_ctl;
	uint32_t ctl;
	int r;

	cfg.icmsg.rx_base = region(shm, shm_size, "ICMSG_RX_OFFSET", "ICMSG_RX_SIZE", &cfg.icmsg.rx_size);
	cfg.icmsg.tx_base = region(shm, shm_size, "ICMSG_TX_OFFSET", "ICMSG_TX_SIZE", &cfg.icmsg.tx_size);
	cfg.icmsg.wire = (enum icmsg_wire)env_choice("ICMSG_WIRE", wires);
	cfg.icmsg.unbound = (enum icmsg_unbound)env_choice("ICMSG_UNBOUND", modes);
	cfg.icmsg.dcache_alignment = env_u32("ICMSG_DCACHE_ALIGNMENT", true, 0, NULL);
	cfg.icmsg.rx_buf_size = env_u32("ICMSG_RX_BUF_SIZE", false, ICMSG_RX_BUF_DEFAULT, NULL);
	if (cfg.icmsg.rx_buf_size == 0 || cfg.icmsg.rx_buf_size > ICMSG_RX_BUF_MAX)
		env_fail("ICMSG_RX_BUF_SIZE", "%u is outside 1..%u", cfg.icmsg.rx_buf_size, ICMSG_RX_BUF_MAX);
	ctl = env_u32("ICMSG_CONTROL_OFFSET", false, 0, &has_ctl);
	if (has_ctl) {
		if ((ctl & 3u) || (uint64_t)ctl + CTL_SIZE > shm_size)
			env_fail("ICMSG_CONTROL_OFFSET", "0x%x: must be 4-aligned with 0x%x bytes inside the file",
				 ctl, CTL_SIZE);
		cfg.control = shm + ctl;
	}
	r = icmsg_init(&scratch, &cfg.icmsg, &echo_callbacks, NULL);
	if (r) {
		const char *why = cfg.icmsg.unbound != ICMSG_UNBOUND_DISABLE && cfg.icmsg.wire != ICMSG_WIRE_PBUF
			? "ICMSG_UNBOUND" : cfg.icmsg.unbound != ICMSG_UNBOUND_DISABLE && cfg.icmsg.dcache_alignment < 8
			? "ICMSG_DCACHE_ALIGNMENT" : "ICMSG_RX_OFFSET";
		env_fail(why, "layout rejected (wire %s, unbound %s, alignment %u, rx 0x%lx+0x%x, tx 0x%lx+0x%x): "
			 "enable/detect need pbuf and alignment >= 8; regions must not overlap, be aligned to "
			 "max(alignment,4), sizes multiple of 4 with >= 12 data bytes",
			 wires[cfg.icmsg.wire], modes[cfg.icmsg.unbound], cfg.icmsg.dcache_alignment,
			 (unsigned long)((uint8_t *)cfg.icmsg.rx_base - shm), cfg.icmsg.rx_size,
			 (unsigned long)((uint8_t *)cfg.icmsg.tx_base - shm), cfg.icmsg.tx_size);
	}
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	read_config();
	native_doorbell_fd = connect_doorbell(env_str("ICMSG_DOORBELL_SOCKET"));

	setjmp(native_reset_point); /* RESET command: boot again from here */
	if (app_init(&cfg) != 0)
		return EXIT_BAD_ENV; /* unreachable: validated above */
	app_run();
	return 0; /* doorbell EOF */
}
