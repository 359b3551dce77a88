/*
 * HSM and SUSP: get_status of this hart (STARTED) and of hart 1 (STOPPED);
 * hart_start of hart 1 at hsm_entry, which must see a0 = hartid,
 * a1 = opaque, the MMU off and interrupts disabled, and reports them in a
 * mailbox; while it runs, hart_start again (ALREADY_AVAILABLE), an IPI to
 * it and system_suspend (DENIED); after its hart_stop, STOPPED again.  The
 * error paths: missing hart, bad start address, suspend types, and a
 * retentive suspend that returns once the timer interrupt is pending.
 */
#include <stdio.h>

#include "sbitest.h"

#define HSM_STARTED		0
#define HSM_STOPPED		1
#define SUSPEND_RETENTIVE	0
#define SUSPEND_NONRETENTIVE	0x80000000UL

static struct hsm_mailbox mbox;

static struct sbiret hsm(unsigned long fid, unsigned long a0, unsigned long a1,
			 unsigned long a2)
{
	return sbi_call(SBI_EXT_HSM, fid, a0, a1, a2, 0);
}

unsigned long hsm_nharts(void)
{
	unsigned long n = 1;

	while (n < ST_MAX_HARTS && !hsm(SBI_HSM_GET_STATUS, n, 0, 0).error)
		n++;
	return n;
}

long hsm_status_wait(unsigned long hartid, long want, uint64_t ticks)
{
	uint64_t end = time_now() + ticks;
	struct sbiret r;

	do {
		r = hsm(SBI_HSM_GET_STATUS, hartid, 0, 0);
	} while (!r.error && r.value != want && time_now() < end);
	return r.error ? r.error : r.value;
}

static void hart1_cycle(void)
{
	uint64_t hz = timebase_hz(), end;

	check_ret("hsm.start", hsm(SBI_HSM_HART_START, 1, (unsigned long)hsm_entry,
				   (unsigned long)&mbox), SBI_SUCCESS, 0);
	end = time_now() + 2 * hz;
	while (!mbox.alive && time_now() < end)
		;
	check_eq("hsm.start.runs", mbox.alive, 1);
	check_eq("hsm.start.a0_hartid", mbox.hartid, 1);
	check_eq("hsm.start.a1_opaque", mbox.opaque, (long)&mbox);
	check_eq("hsm.start.mmu_off", mbox.satp, 0);
	check_eq("hsm.start.sie_clear", mbox.sstatus & SSTATUS_SIE, 0);
	check_ret("hsm.get_status.started", hsm(SBI_HSM_GET_STATUS, 1, 0, 0), SBI_SUCCESS,
		  HSM_STARTED);
	check_err("hsm.start.already_available",
		  hsm(SBI_HSM_HART_START, 1, (unsigned long)hsm_entry, 0),
		  SBI_ERR_ALREADY_AVAILABLE);
	check_err("ipi.other_hart", sbi_call(SBI_EXT_IPI, 0, 2, 0, 0, 0), SBI_SUCCESS);
	check_err("susp.other_hart_running", sbi_call(SBI_EXT_SUSP, 0, 0, ST_LINK_BASE, 0, 0),
		  SBI_ERR_DENIED);
	mbox.release = 1;
	check_eq("hsm.stop", hsm_status_wait(1, HSM_STOPPED, 2 * hz), HSM_STOPPED);
	check_eq("hsm.stop.no_error", mbox.stop_err, 0);
}

/*
 * Retentive suspend with the timer enabled in sie but not in sstatus: the
 * pending timer must end the suspend without a trap, and be taken as soon
 * as sstatus.SIE is set.  (Pending is checked that way, not through sip:
 * QEMU 7.2 shows VS-mode reads of sip only the SSIP bit.)  The suspend
 * type is a 32-bit value: with upper bits set it is still retentive.
 */
static void suspend_retentive(const char *name, unsigned long type)
{
	char what[64];
	uint64_t hz = timebase_hz(), deadline, woke;
	unsigned long traps;
	struct sbiret r;

	trap_reset();
	csr_set(sie, 1UL << IRQ_S_TIMER);
	deadline = time_now() + hz / 100;
	sbi_set_timer(deadline);
	r = hsm(SBI_HSM_SUSPEND, type, 0, 0);
	woke = time_now();
	traps = trap_log.count;
	csr_set(sstatus, SSTATUS_SIE);
	trap_wait(1, hz / 10);
	irq_disable_all();
	check_err(name, r, SBI_SUCCESS);
	snprintf(what, sizeof(what), "%s.waited", name);
	check_eq(what, woke >= deadline, true);
	snprintf(what, sizeof(what), "%s.no_trap", name);
	check_eq(what, (long)traps, 0);
	snprintf(what, sizeof(what), "%s.timer_pending", name);
	check_eq(what, (long)trap_log.cause, (long)(SCAUSE_IRQ | IRQ_S_TIMER));
}

/* hart_start, hart_stop and hart_get_status of hart 1. */
static void hart1_checks(void)
{
	check_ret("hsm.get_status.stopped", hsm(SBI_HSM_GET_STATUS, 1, 0, 0), SBI_SUCCESS,
		  HSM_STOPPED);
	check_err("hsm.start.bad_address", hsm(SBI_HSM_HART_START, 1, UNMAPPED_GPA, 0),
		  SBI_ERR_INVALID_ADDRESS);
	check_ret("hsm.get_status.still_stopped", hsm(SBI_HSM_GET_STATUS, 1, 0, 0), SBI_SUCCESS,
		  HSM_STOPPED);
	hart1_cycle();
	check_eq("hsm.restart", hsm(SBI_HSM_HART_START, 1, (unsigned long)hsm_entry,
				    (unsigned long)&mbox).error, SBI_SUCCESS);
	check_eq("hsm.restart.stop", hsm_status_wait(1, HSM_STOPPED, 2 * timebase_hz()),
		 HSM_STOPPED);
}

void suite_hsm(void)
{
	unsigned long n = hsm_nharts();

	check_ret("hsm.get_status.self", hsm(SBI_HSM_GET_STATUS, 0, 0, 0), SBI_SUCCESS,
		  HSM_STARTED);
	check_err("hsm.get_status.missing_hart", hsm(SBI_HSM_GET_STATUS, n, 0, 0),
		  SBI_ERR_INVALID_PARAM);
	check_err("hsm.start.self", hsm(SBI_HSM_HART_START, 0, (unsigned long)hsm_entry, 0),
		  SBI_ERR_ALREADY_AVAILABLE);
	check_err("hsm.start.missing_hart",
		  hsm(SBI_HSM_HART_START, n, (unsigned long)hsm_entry, 0), SBI_ERR_INVALID_PARAM);
	if (n > 1)
		hart1_checks();
	else
		check_skip("hsm.hart1", "1 hart");
	suspend_retentive("hsm.suspend.retentive", SUSPEND_RETENTIVE);
	suspend_retentive("hsm.suspend.retentive.upper_bits", 1UL << 63 | SUSPEND_RETENTIVE);
	check_err("hsm.suspend.reserved_type", hsm(SBI_HSM_SUSPEND, 1, 0, 0),
		  SBI_ERR_INVALID_PARAM);
	check_err("hsm.suspend.platform_type", hsm(SBI_HSM_SUSPEND, 0x90000000UL, 0, 0),
		  SBI_ERR_INVALID_PARAM);
	check_err("hsm.suspend.nonretentive.bad_address",
		  hsm(SBI_HSM_SUSPEND, SUSPEND_NONRETENTIVE, UNMAPPED_GPA, 0),
		  SBI_ERR_INVALID_ADDRESS);
	check_err("hsm.unknown_fid", hsm(4, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	check_err("susp.bad_type", sbi_call(SBI_EXT_SUSP, 0, 1, ST_LINK_BASE, 0, 0),
		  SBI_ERR_INVALID_PARAM);
	check_err("susp.bad_address", sbi_call(SBI_EXT_SUSP, 0, 0, UNMAPPED_GPA, 0, 0),
		  SBI_ERR_INVALID_ADDRESS);
}
