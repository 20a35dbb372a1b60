#ifndef NATIVE_H
#define NATIVE_H

#include <setjmp.h>

extern int native_doorbell_fd;
extern jmp_buf native_reset_point;

#endif
