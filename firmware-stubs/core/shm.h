/* Shared-memory access helpers.
 * Everything the peer can see or change goes through volatile pointers so the
 * compiler neither caches nor tears accesses; indexes are aligned 32-bit words
 * (single-copy atomic on Cortex-M and x86). Wire format is little-endian. */
#ifndef ICM_SHM_H
#define ICM_SHM_H

#include <stdint.h>

static inline void shm_barrier(void)
{
	/* Full barrier: emits dmb on ARMv8-M, mfence on x86. Used before
	 * publishing an index so the data it covers is visible first, and after
	 * reading an index so data reads are not hoisted above it. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static inline uint32_t shm_le32(uint32_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap32(v);
#else
	return v;
#endif
}

static inline uint32_t shm_ld32(volatile uint8_t *base, uint32_t off)
{
	return shm_le32(*(volatile uint32_t *)(void *)(base + off));
}

static inline void shm_st32(volatile uint8_t *base, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(void *)(base + off) = shm_le32(v);
}

static inline void shm_copy_out(volatile uint8_t *dst, const uint8_t *src, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		dst[i] = src[i];
}

static inline void shm_copy_in(uint8_t *dst, volatile const uint8_t *src, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		dst[i] = src[i];
}

static inline uint32_t roundup4(uint32_t v)
{
	return (v + 3u) & ~3u;
}

#endif
