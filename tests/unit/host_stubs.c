/*
 * Host stand-ins for the few architecture hooks that architecture-neutral
 * code calls, so that code links into native unit tests unchanged.
 */
#include <vmm/host_ram.h>
#include <stdint.h>
#include <vmm/irqflags.h>

unsigned long irq_save(void)
{
	return 0;
}

void irq_restore(unsigned long flags)
{
	(void)flags;
}

void irq_enable(void)
{
}

void irq_disable(void)
{
}

void cpu_wait_for_interrupt(void)
{
}

/* Unit tests use heap buffers as "host RAM". */
bool host_ram_contains(uint64_t pa, uint64_t size)
{
	(void)pa;
	(void)size;
	return true;
}

/* The monotonic time base of the wall clock, for tests that link
 * core/time/wallclock.c without caring about time (weak: a test that does
 * care defines its own). */
__attribute__((weak)) uint64_t timer_ns(void)
{
	return 0;
}
