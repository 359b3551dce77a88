/*
 * SBI HSM extension (EID 0x48534D): the guest starts, stops and queries
 * its own vCPUs as harts, and suspends the calling one.  Error codes follow
 * SBI v2.0 (starting a started hart is ALREADY_AVAILABLE).  Suspend offers
 * the two default types: retentive (wait for an interrupt, then return)
 * and non-retentive (wait, then continue at resume_addr); other types are
 * INVALID_PARAM, and the type is 32 bits wide.  A suspended hart reports
 * SUSPENDED.
 */
#include <errno.h>
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_arch.h>
#include <vmm/vcpu.h>
#include "sbi_priv.h"

enum {
	HSM_HART_START,
	HSM_HART_STOP,
	HSM_HART_GET_STATUS,
	HSM_HART_SUSPEND,
};

#define HSM_STATUS_STARTED	0
#define HSM_STATUS_STOPPED	1
#define HSM_STATUS_SUSPENDED	4

static long hsm_start(struct vcpu *v, unsigned long hartid, unsigned long addr,
		      unsigned long opaque)
{
	struct vcpu *t = vcpu_find(v->guest, hartid);
	int rc;

	if (!t)
		return SBI_ERR_INVALID_PARAM;
	if (t->state == VCPU_RUNNING || t->state == VCPU_PAUSED)
		return SBI_ERR_ALREADY_AVAILABLE;
	if (t->state == VCPU_HALTED)
		return SBI_ERR_FAILED;
	if (!sbi_addr_is_memory(v, addr))
		return SBI_ERR_INVALID_ADDRESS;
	rc = vcpu_hart_start(t, addr, opaque);
	if (rc == -EBUSY || rc == -EALREADY)
		return SBI_ERR_ALREADY_AVAILABLE;
	return rc ? SBI_ERR_FAILED : SBI_SUCCESS;
}

static long hsm_status(struct vcpu *v, unsigned long hartid, unsigned long *status)
{
	struct vcpu *t = vcpu_find(v->guest, hartid);

	if (!t)
		return SBI_ERR_INVALID_PARAM;
	if (t->state == VCPU_RUNNING && vcpu_arch(t)->sbi.suspended)
		*status = HSM_STATUS_SUSPENDED;
	else if (t->state == VCPU_RUNNING || t->state == VCPU_PAUSED)
		*status = HSM_STATUS_STARTED;
	else
		*status = HSM_STATUS_STOPPED;
	return SBI_SUCCESS;
}

static void hsm_suspend(struct vcpu *v, unsigned long type, unsigned long addr,
			unsigned long opaque, struct sbi_ret *ret)
{
	struct sbi_vcpu *s = &vcpu_arch(v)->sbi;
	bool retentive;

	ret->error = sbi_hsm_suspend_check(type, &retentive);
	if (ret->error != SBI_SUCCESS)
		return;
	if (!retentive && !sbi_addr_is_memory(v, addr)) {
		ret->error = SBI_ERR_INVALID_ADDRESS;
		return;
	}
	s->suspended = true;
	if (retentive)
		vcpu_wait_for_irq(v);
	else
		sbi_suspend_resume_at(v, addr, opaque, ret);
	s->suspended = false;
}

static void hsm_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
		       const unsigned long *args, struct sbi_ret *ret)
{
	(void)eid;
	switch (fid) {
	case HSM_HART_START:
		ret->error = hsm_start(v, args[0], args[1], args[2]);
		break;
	case HSM_HART_STOP:
		vcpu_hart_stop(v);
		ret->error = SBI_SUCCESS;
		ret->skip_writeback = true;
		break;
	case HSM_HART_GET_STATUS:
		ret->error = hsm_status(v, args[0], &ret->value);
		break;
	case HSM_HART_SUSPEND:
		hsm_suspend(v, args[0], args[1], args[2], ret);
		break;
	default:
		ret->error = SBI_ERR_NOT_SUPPORTED;
		break;
	}
}

VMM_SBI_EXT(sbi_ext_hsm) = {
	.name = "hsm",
	.eid_min = SBI_EXT_HSM,
	.eid_max = SBI_EXT_HSM,
	.handle = hsm_handle,
};
