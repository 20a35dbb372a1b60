/* Tiny private mem helpers: the core is freestanding and must not depend on
 * a libc (the firmware links with -nostdlib). */
#ifndef ICM_MEM_H
#define ICM_MEM_H

#include <stdint.h>

void icm_memcpy(void *dst, const void *src, uint32_t n);
void icm_memset(void *dst, int v, uint32_t n);
int icm_memcmp(const void *a, const void *b, uint32_t n);

#endif
