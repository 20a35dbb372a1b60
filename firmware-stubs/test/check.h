/* Minimal assertion helpers for the native selftest. */
#ifndef TEST_CHECK_H
#define TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

extern unsigned long g_checks;

#define CHECK(cond)                                                              \
	do {                                                                     \
		g_checks++;                                                      \
		if (!(cond)) {                                                   \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,  \
				__LINE__, #cond);                                \
			exit(1);                                                 \
		}                                                                \
	} while (0)

#define CHECK_EQ(a, b)                                                           \
	do {                                                                     \
		long long _a = (long long)(a), _b = (long long)(b);              \
		g_checks++;                                                      \
		if (_a != _b) {                                                  \
			fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", \
				__FILE__, __LINE__, #a, _a, #b, _b);             \
			exit(1);                                                 \
		}                                                                \
	} while (0)

void check_bytes(const char *what, const void *got, const char *hex);
void test_vectors(void);
void test_defensive(void);
void test_pairs(void);

#endif
