/*
 * Trap handling of the test guest.  Every trap is logged in the log of the
 * hart taking it (count, cause, stval, time of entry) for the
 * suites to check.  A timer interrupt stops the timer (SBI set_timer(~0)
 * clears the pending bit) once timer_hold more timer traps have come in
 * (so that a suite can see a pending timer interrupt stay pending), a software
 * interrupt clears sip.SSIP, an illegal instruction or a misaligned load
 * is skipped (the suites provoke them), and an interrupt that keeps coming is masked so that a
 * broken pending bit shows up as a failed check rather than a hang.  Any
 * other exception is reported and parks the hart.
 */
#include <stdio.h>

#include "sbitest.h"

#define STORM_LIMIT	1000

volatile struct trap_record trap_logs[ST_MAX_HARTS];
volatile unsigned long timer_hold;

uint64_t time_now(void)
{
	return csr_read(time);
}

void trap_reset(void)
{
	trap_log.count = 0;
	trap_log.cause = 0;
	trap_log.tval = 0;
	trap_log.time = 0;
}

void irq_enable(unsigned long irq)
{
	csr_set(sie, 1UL << irq);
	csr_set(sstatus, SSTATUS_SIE);
}

void irq_disable_all(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
	csr_write(sie, 0);
}

bool trap_wait(unsigned long count, uint64_t ticks)
{
	uint64_t end = time_now() + ticks;

	while (trap_log.count < count && time_now() < end)
		;
	return trap_log.count >= count;
}

void trap_wfi(unsigned long count)
{
	while (trap_log.count < count)
		__asm__ volatile("wfi" : : : "memory");
}

void fw_trap(unsigned long scause, unsigned long sepc, unsigned long stval)
{
	uint64_t now = time_now();
	unsigned long code = scause & ~SCAUSE_IRQ;

	trap_log.count++;
	trap_log.cause = scause;
	trap_log.tval = stval;
	trap_log.time = now;
	if (scause & SCAUSE_IRQ) {
		if (code == IRQ_S_TIMER && timer_hold)
			timer_hold--;
		else if (code == IRQ_S_TIMER)
			sbi_set_timer(~0ULL);
		else if (code == IRQ_S_SOFT)
			csr_clear(sip, 1UL << IRQ_S_SOFT);
		if (code != IRQ_S_TIMER && code != IRQ_S_SOFT)
			csr_clear(sie, 1UL << code);
		else if (trap_log.count > STORM_LIMIT)
			csr_clear(sie, 1UL << code);
		return;
	}
	/* Both provoked with 4-byte instructions (a misaligned ld, FWFT). */
	if (code == EXC_ILLEGAL_INST || code == EXC_LOAD_MISALIGNED) {
		csr_write(sepc, sepc + 4);
		return;
	}
	printf("SBITEST: unexpected exception scause=0x%lx sepc=0x%lx stval=0x%lx\n",
	       scause, sepc, stval);
	for (;;)
		__asm__ volatile("wfi");
}
