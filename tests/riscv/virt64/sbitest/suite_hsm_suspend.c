/*
 * HSM hart_suspend and SUSP system_suspend, checked by their effects.  A
 * secondary hart running C (sec_main) suspends on command, retentive and
 * non-retentive, with its software interrupt enabled in sie: while it
 * sleeps hart_get_status must say SUSPENDED, an IPI must wake it, a
 * retentive suspend returns SUCCESS and a non-retentive one resumes at
 * resume_addr with a0 = hartid, a1 = opaque, satp = 0 and sstatus.SIE = 0.
 * The secondary also reads mvendorid, marchid and mimpid, which must be
 * the values this hart reads.  This hart then suspends itself non-retentively (woken by its timer,
 * which must still be pending after the resume), and suspend types are
 * 32-bit values on RV64: the upper bits of a0 are ignored (HSM, SUSP).
 */
#include <stdio.h>

#include "sbitest.h"

#define HSM_STARTED		0
#define HSM_STOPPED		1
#define HSM_SUSPENDED		4
#define SUSPEND_RETENTIVE	0
#define SUSPEND_NONRETENTIVE	0x80000000UL
#define UPPER_BITS		(1UL << 63 | 1UL << 32)

static void fwft_lock_check(struct sec_mailbox *smb);

static void secondary_suspend(void)
{
	struct sec_mailbox *smb = &sec_mbox[1];
	struct resume_ctx *c = &smb->ctx;

	sec_start("hsm.secondary.start", 1);
	if (sec_do("hsm.suspend_ret.secondary", 1, SEC_SUSPEND_RET, SUSPEND_RETENTIVE, true))
		check_eq("hsm.suspend_ret.secondary.error", smb->result, SBI_SUCCESS);
	check_eq("hsm.suspend_ret.secondary.status_started",
		 hsm_status_wait(1, HSM_STARTED, 0), HSM_STARTED);
	if (sec_do("hsm.suspend_nonret.secondary", 1, SEC_SUSPEND_NONRET, SUSPEND_NONRETENTIVE,
		   true)) {
		check_eq("hsm.suspend_nonret.secondary.error", smb->result, RESUMED);
		check_eq("hsm.suspend_nonret.secondary.a0_hartid", c->hartid, 1);
		check_eq("hsm.suspend_nonret.secondary.a1_opaque", c->opaque, (long)c);
		check_eq("hsm.suspend_nonret.secondary.mmu_off", c->satp, 0);
		check_eq("hsm.suspend_nonret.secondary.sie_clear", c->sstatus & SSTATUS_SIE, 0);
	}
	if (sec_do("base.ids.secondary", 1, SEC_BASE_IDS, 0, false))
		for (unsigned long i = 0; i < 3; i++)
			check_eq(i == 0 ? "base.mvendorid.same_on_secondary" :
				 i == 1 ? "base.marchid.same_on_secondary" :
					  "base.mimpid.same_on_secondary",
				 smb->ids[i], sbi_call(SBI_EXT_BASE, 4 + i, 0, 0, 0, 0).value);
	sec_stop("hsm.secondary.stop", 1);
	if (!fwft_get(0).error)
		fwft_lock_check(smb);
}

/* FWFT LOCK on hart 1; a hart reset (stop, start) unlocks the feature. */
static void fwft_lock_check(struct sec_mailbox *smb)
{
	sec_start("fwft.lock.start", 1);
	if (sec_do("fwft.lock.secondary", 1, SEC_FWFT_LOCK, 0, false)) {
		check_eq("fwft.lock.set", smb->ids[0], SBI_SUCCESS);
		check_eq("fwft.lock.set_again_denied", smb->ids[1], SBI_ERR_DENIED);
		check_eq("fwft.lock.get", smb->ids[2], SBI_SUCCESS);
	}
	sec_stop("fwft.lock.stop", 1);
	sec_start("fwft.lock.restart", 1);
	if (sec_do("fwft.lock.after_reset", 1, SEC_FWFT_LOCK, 0, false))
		check_eq("fwft.lock.after_reset.set", smb->ids[0], SBI_SUCCESS);
	sec_stop("fwft.lock.after_reset.stop", 1);
}

/* Suspend this hart non-retentively through (eid, fid, type), woken by its
 * timer (enabled in sie, not in sstatus). */
static void self_nonret(const char *name, unsigned long eid, unsigned long fid,
			unsigned long type)
{
	static struct resume_ctx ctx;
	char what[64];
	long r, n;

	trap_reset();
	irq_disable_all();
	csr_set(sie, 1UL << IRQ_S_TIMER);
	sbi_set_timer(time_now() + timebase_hz() / 100);
	r = nonret_suspend(eid, fid, type, &ctx);
	snprintf(what, sizeof(what), "%s.resumed", name);
	check_eq(what, r, RESUMED);
	if (r == RESUMED) {
		snprintf(what, sizeof(what), "%s.a0_hartid", name);
		check_eq(what, ctx.hartid, 0);
		snprintf(what, sizeof(what), "%s.a1_opaque", name);
		check_eq(what, ctx.opaque, (long)&ctx);
		snprintf(what, sizeof(what), "%s.sie_clear", name);
		check_eq(what, ctx.sstatus & SSTATUS_SIE, 0);
	}
	/* The wake-up interrupt is still pending: taken once enabled. */
	irq_enable(IRQ_S_TIMER);
	n = trap_log.count;
	snprintf(what, sizeof(what), "%s.wake_irq_pending", name);
	check_eq(what, n, 1);
	sbi_set_timer(~0ULL);
	irq_disable_all();
}

void suite_hsm_suspend(void)
{
	if (hsm_nharts() > 1)
		secondary_suspend();
	else
		check_skip("hsm.secondary", "1 hart");
	self_nonret("hsm.suspend_nonret.self", SBI_EXT_HSM, SBI_HSM_SUSPEND,
		    SUSPEND_NONRETENTIVE);
	self_nonret("hsm.suspend_nonret.upper_bits", SBI_EXT_HSM, SBI_HSM_SUSPEND,
		    UPPER_BITS | SUSPEND_NONRETENTIVE);
	self_nonret("susp.suspend.upper_bits", SBI_EXT_SUSP, 0, UPPER_BITS);
}
