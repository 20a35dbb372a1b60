#include "env.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void env_fail(const char *var, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "icmsg-native-peer: %s: ", var);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_BAD_ENV);
}

const char *env_str(const char *var)
{
	const char *v = getenv(var);

	if (!v || !*v)
		env_fail(var, "missing (required)");
	return v;
}

/* Decimal, or hex with a 0x prefix; nothing else (no octal surprises). */
static bool parse_u32(const char *s, uint32_t *out)
{
	int base = 10;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return false;
		v = v * (uint64_t)base + (uint64_t)d;
		if (v > 0xFFFFFFFFull)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

uint32_t env_u32(const char *var, bool required, uint32_t dflt, bool *present)
{
	const char *v = getenv(var);
	uint32_t out;

	if (present)
		*present = v && *v;
	if (!v || !*v) {
		if (required)
			env_fail(var, "missing (required; decimal or 0x hex)");
		return dflt;
	}
	if (!parse_u32(v, &out))
		env_fail(var, "'%s' is not a decimal or 0x hex 32-bit number", v);
	return out;
}

int env_choice(const char *var, const char *const *names)
{
	const char *v = env_str(var);
	char allowed[128] = "";

	for (int i = 0; names[i]; i++) {
		if (strcmp(v, names[i]) == 0)
			return i;
		strncat(allowed, i ? "|" : "", sizeof(allowed) - strlen(allowed) - 1);
		strncat(allowed, names[i], sizeof(allowed) - strlen(allowed) - 1);
	}
	env_fail(var, "'%s' is not one of %s", v, allowed);
}
