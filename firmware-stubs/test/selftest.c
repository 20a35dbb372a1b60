#include <ctype.h>
#include <string.h>
#include "check.h"

unsigned long g_checks;

void check_bytes(const char *what, const void *got, const char *hex)
{
	const unsigned char *g = got;
	size_t n = 0;

	for (const char *h = hex; *h; h++) {
		unsigned v;
		if (isspace((unsigned char)*h))
			continue;
		if (sscanf(h, "%2x", &v) != 1) {
			fprintf(stderr, "bad hex in %s\n", what);
			exit(1);
		}
		g_checks++;
		if (g[n] != v) {
			fprintf(stderr, "%s: byte %zu is %02x, expected %02x\n", what, n, g[n], v);
			exit(1);
		}
		n++;
		h++;
	}
}

int main(void)
{
	test_vectors();
	printf("vectors: ok\n");
	test_defensive();
	printf("defensive: ok\n");
	test_pairs();
	printf("selftest: PASS (%lu checks)\n", g_checks);
	return 0;
}
