/*
 * Time keeping for the firmware: the time CSR as clock, its rate from the
 * vminfo clocksource (10 MHz if vminfo does not say), and a one-shot timer
 * event programmed through stimecmp when the vCPU has Sstc, otherwise
 * through SBI TIME set_timer.  The event's interrupt stops the timer and
 * bumps a counter that wfi_test waits on.
 */
#include "basic.h"

#define CSR_STIMECMP		0x14d
#define TIMER_DEFAULT_HZ	10000000ULL

static uint64_t tick_hz;
static bool use_sstc;
static volatile unsigned long irq_count;

void timer_init(void)
{
	tick_hz = vminfo_clocksource_hz();
	if (!tick_hz)
		tick_hz = TIMER_DEFAULT_HZ;
	use_sstc = sbi_isa()->bits & (1ULL << ISA_EXT_SSTC);
	timer_stop();
}

uint64_t timer_now(void)
{
	return csr_read(time);
}

uint64_t timer_hz(void)
{
	return tick_hz;
}

uint64_t timer_usecs(uint64_t ticks)
{
	return ticks / tick_hz * 1000000 + ticks % tick_hz * 1000000 / tick_hz;
}

bool timer_has_sstc(void)
{
	return use_sstc;
}

void timer_arm(uint64_t deadline)
{
	if (use_sstc)
		csr_write(CSR_STIMECMP, deadline);
	else
		sbi_set_timer(deadline);
}

void timer_stop(void)
{
	timer_arm(UINT64_MAX);
}

void timer_irq(void)
{
	timer_stop();
	irq_count++;
}

unsigned long timer_irq_count(void)
{
	return irq_count;
}
