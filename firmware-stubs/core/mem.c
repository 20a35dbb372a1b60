#include "mem.h"

void icm_memcpy(void *dst, const void *src, uint32_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	while (n--)
		*d++ = *s++;
}

void icm_memset(void *dst, int v, uint32_t n)
{
	uint8_t *d = dst;
	while (n--)
		*d++ = (uint8_t)v;
}

int icm_memcmp(const void *a, const void *b, uint32_t n)
{
	const uint8_t *x = a, *y = b;
	for (uint32_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}
