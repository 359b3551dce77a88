/*
 * What the architecture's timer provides to core/sched/timer.c: the free
 * running timebase counter and a one-shot compare on the current hart
 * (UINT64_MAX disarms it).
 */
#ifndef VMM_ARCH_TIMER_H
#define VMM_ARCH_TIMER_H

#include <stdint.h>

uint64_t arch_timer_ticks(void);
void arch_timer_program(uint64_t deadline);

#endif
