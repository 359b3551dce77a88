/*
 * TIME, IPI and the legacy timer/IPI calls.  set_timer must raise a
 * supervisor timer interrupt (scause 5) no earlier than the deadline, and
 * U64_MAX must stop an armed timer; the pending bit follows the privileged
 * spec (see timer_pending()).  send_ipi to self must raise a software
 * interrupt (scause 1) exactly once after the handler clears sip.SSIP;
 * masks naming missing harts are INVALID_PARAM.  Waits are bounded.
 */
#include <stdio.h>

#include "sbitest.h"

#define IRQ_TIMER_CAUSE		(SCAUSE_IRQ | IRQ_S_TIMER)
#define IRQ_SOFT_CAUSE		(SCAUSE_IRQ | IRQ_S_SOFT)

static struct sbiret send_ipi(unsigned long mask, unsigned long base)
{
	return sbi_call(SBI_EXT_IPI, 0, mask, base, 0, 0);
}

/* Arm the timer with call(deadline), wait for its interrupt; check it. */
static void timer_fires(const char *name, bool legacy)
{
	uint64_t deadline;
	char what[64];
	long err;

	trap_reset();
	irq_enable(IRQ_S_TIMER);
	deadline = time_now() + timebase_hz() / 100;
	if (legacy)
		err = sbi_legacy(0, deadline);
	else
		err = sbi_call(SBI_EXT_TIME, 0, deadline, 0, 0, 0).error;
	snprintf(what, sizeof(what), "%s.error", name);
	check_eq(what, err, SBI_SUCCESS);
	trap_wfi(1);
	snprintf(what, sizeof(what), "%s.scause", name);
	check_eq(what, (long)trap_log.cause, (long)IRQ_TIMER_CAUSE);
	snprintf(what, sizeof(what), "%s.not_early", name);
	check_eq(what, trap_log.time >= deadline, true);
	/* The handler's set_timer(~0) must have cleared the pending bit. */
	trap_wait(2, timebase_hz() / 50);
	snprintf(what, sizeof(what), "%s.once", name);
	check_eq(what, (long)trap_log.count, 1);
	irq_disable_all();
}

static void timer_stop(void)
{
	uint64_t hz = timebase_hz();

	trap_reset();
	irq_enable(IRQ_S_TIMER);
	sbi_set_timer(time_now() + hz / 100);
	check_err("time.set_timer_max", sbi_call(SBI_EXT_TIME, 0, ~0UL, 0, 0, 0), SBI_SUCCESS);
	trap_wait(1, hz / 20);
	check_eq("time.set_timer_max.no_irq", (long)trap_log.count, 0);
	irq_disable_all();
}

/*
 * The pending bit seen through traps (QEMU 7.2 shows VS-mode reads of sip
 * only the SSIP bit, so sip cannot be read for STIP): a past deadline
 * pends at once, so the trap comes as the ecall returns; the bit stays
 * set until set_timer (a handler that returns without it is entered
 * again); it is pending with sie.STIE clear (taken as soon as STIE is
 * set); set_timer(~0) and a future deadline clear it.
 */
static void timer_pending(void)
{
	uint64_t hz = timebase_hz(), deadline;
	unsigned long n;

	trap_reset();
	irq_enable(IRQ_S_TIMER);
	sbi_set_timer(0);
	n = trap_log.count;
	check_eq("time.set_timer_past.at_once", (long)n, 1);
	sbi_legacy(0, 0);
	n = trap_log.count;
	check_eq("legacy.set_timer_past.at_once", (long)n, 2);

	trap_reset();
	timer_hold = 2;
	sbi_set_timer(0);
	trap_wait(3, hz / 10);
	check_eq("time.pending_until_set_timer", (long)trap_log.count, 3);
	trap_wait(4, hz / 50);
	check_eq("time.pending_until_set_timer.then_clear", (long)trap_log.count, 3);
	timer_hold = 0;

	/* Wait with sstatus.SIE clear (WFI ends once the timer is pending),
	 * then look at it with sie.STIE clear. */
	trap_reset();
	csr_clear(sstatus, SSTATUS_SIE);
	deadline = time_now() + hz / 100;
	sbi_set_timer(deadline);
	while (time_now() < deadline)
		__asm__ volatile("wfi" : : : "memory");
	__asm__ volatile("wfi" : : : "memory");
	csr_clear(sie, 1UL << IRQ_S_TIMER);
	csr_set(sstatus, SSTATUS_SIE);
	n = trap_log.count;
	check_eq("time.masked.no_trap", (long)n, 0);
	csr_set(sie, 1UL << IRQ_S_TIMER);
	n = trap_log.count;
	check_eq("time.masked.still_pending", (long)n, 1);

	trap_reset();
	csr_clear(sie, 1UL << IRQ_S_TIMER);
	sbi_set_timer(0);
	sbi_set_timer(~0ULL);
	csr_set(sie, 1UL << IRQ_S_TIMER);
	n = trap_log.count;
	check_eq("time.set_timer_max.clears_pending", (long)n, 0);
	csr_clear(sie, 1UL << IRQ_S_TIMER);
	sbi_set_timer(0);
	sbi_set_timer(time_now() + 10 * hz);
	csr_set(sie, 1UL << IRQ_S_TIMER);
	n = trap_log.count;
	check_eq("time.set_timer_future.clears_pending", (long)n, 0);
	sbi_set_timer(~0ULL);
	irq_disable_all();
}

static void ipi_self(const char *name, bool legacy)
{
	static unsigned long self_mask = 1;
	uint64_t hz = timebase_hz();
	char what[64];
	long err;

	trap_reset();
	irq_enable(IRQ_S_SOFT);
	err = legacy ? sbi_legacy(4, (unsigned long)&self_mask) : send_ipi(1, 0).error;
	snprintf(what, sizeof(what), "%s.error", name);
	check_eq(what, err, SBI_SUCCESS);
	snprintf(what, sizeof(what), "%s.irq", name);
	check_eq(what, trap_wait(1, hz / 10), true);
	snprintf(what, sizeof(what), "%s.scause", name);
	check_eq(what, (long)trap_log.cause, (long)IRQ_SOFT_CAUSE);
	trap_wait(2, hz / 50);
	snprintf(what, sizeof(what), "%s.once", name);
	check_eq(what, (long)trap_log.count, 1);
	irq_disable_all();
}

/*
 * IPIs reach the other harts: harts 1..3 (as many as there are) take a
 * software interrupt each from one send_ipi naming them all (by base 1
 * with three or more harts), and this hart takes none.
 */
static void ipi_others(unsigned long n)
{
	unsigned long last = n > 4 ? 3 : n - 1, mask, base;
	uint64_t end;
	char what[64];

	for (unsigned long h = 1; h <= last; h++) {
		snprintf(what, sizeof(what), "ipi.others.hart%lu.start", h);
		sec_start(what, h);
		sec_post(h, SEC_WAIT_IPI, 0);
	}
	end = time_now() + 2 * timebase_hz();
	for (unsigned long h = 1; h <= last; h++)
		while (!sec_mbox[h].armed && time_now() < end)
			;
	trap_reset();
	irq_enable(IRQ_S_SOFT);
	mask = (1UL << last) - 1;
	base = 1;
	if (last == 1) {
		mask = 2;
		base = 0;
	}
	check_err("ipi.others", send_ipi(mask, base), SBI_SUCCESS);
	for (unsigned long h = 1; h <= last; h++) {
		snprintf(what, sizeof(what), "ipi.others.hart%lu", h);
		if (sec_wait(what, h)) {
			snprintf(what, sizeof(what), "ipi.others.hart%lu.received", h);
			check_eq(what, sec_mbox[h].result, 1);
		}
		snprintf(what, sizeof(what), "ipi.others.hart%lu.stop", h);
		sec_stop(what, h);
	}
	check_eq("ipi.others.not_self", (long)trap_log.count, 0);
	irq_disable_all();
}

void suite_time_ipi(void)
{
	unsigned long n = hsm_nharts();

	timer_fires("time.set_timer", false);
	timer_stop();
	timer_pending();
	check_err("time.unknown_fid", sbi_call(SBI_EXT_TIME, 1, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	timer_fires("legacy.set_timer", true);

	ipi_self("ipi.self", false);
	ipi_self("legacy.send_ipi.self", true);
	check_err("ipi.empty_mask", send_ipi(0, 0), SBI_SUCCESS);
	check_err("ipi.missing_hart", send_ipi(1UL << n, 0), SBI_ERR_INVALID_PARAM);
	check_err("ipi.base_out_of_range", send_ipi(1, n), SBI_ERR_INVALID_PARAM);
	check_err("ipi.base_overflow", send_ipi(3, ~0UL - 1), SBI_ERR_INVALID_PARAM);
	check_err("ipi.unknown_fid", sbi_call(SBI_EXT_IPI, 1, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	check_eq("legacy.send_ipi.bad_pointer", sbi_legacy(4, UNMAPPED_GPA), SBI_ERR_INVALID_ADDRESS);
	check_eq("legacy.clear_ipi", sbi_legacy(3, 0), SBI_SUCCESS);
	if (n > 1)
		ipi_others(n);
	else
		check_skip("ipi.others", "1 hart");
}
