/* Environment parsing for the native peer ("peer contract"). Every failure
 * prints a message naming the variable and exits with status 2. */
#ifndef NATIVE_ENV_H
#define NATIVE_ENV_H

#include <stdbool.h>
#include <stdint.h>

#define EXIT_BAD_ENV 2

void env_fail(const char *var, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
const char *env_str(const char *var);                  /* required, non-empty */
uint32_t env_u32(const char *var, bool required, uint32_t dflt, bool *present);
/* One of the NULL-terminated names; returns its index. */
int env_choice(const char *var, const char *const *names);

#endif
