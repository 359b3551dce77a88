/*
 * SBI RFENCE extension (EID 0x52464E43): remote fence.i, sfence.vma and
 * sfence.vma.asid for vCPUs of the caller's guest.  Each target flushes
 * its whole VS-stage TLB for the guest's VMID (and its instruction cache
 * for fence.i) before it next runs guest code, which covers any address
 * range or ASID.  The hfence FIDs exist only for vCPUs with the H
 * extension and are then served the same conservative way.
 */
#include <arch/cpu.h>
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_arch.h>
#include "sbi_priv.h"

enum {
	RFENCE_FENCE_I,
	RFENCE_SFENCE_VMA,
	RFENCE_SFENCE_VMA_ASID,
	RFENCE_HFENCE_GVMA_VMID,
	RFENCE_HFENCE_GVMA,
	RFENCE_HFENCE_VVMA_ASID,
	RFENCE_HFENCE_VVMA,
	RFENCE_NR_FIDS
};

/* The PMU firmware event each FID sends; the received one follows it. */
static const unsigned char sent_event[RFENCE_NR_FIDS] = {
	SBI_PMU_FW_FENCE_I_SENT, SBI_PMU_FW_SFENCE_VMA_SENT, SBI_PMU_FW_SFENCE_VMA_ASID_SENT,
	SBI_PMU_FW_HFENCE_GVMA_VMID_SENT, SBI_PMU_FW_HFENCE_GVMA_SENT,
	SBI_PMU_FW_HFENCE_VVMA_ASID_SENT, SBI_PMU_FW_HFENCE_VVMA_SENT,
};

void sbi_rfence_flush(struct vcpu *target, void *req)
{
	const struct sbi_fence_req *r = req;

	sbi_pmu_fw_count(r->from, r->sent_event);
	sbi_pmu_fw_count(target, r->sent_event + 1);
	vcpu_request_flush(target, r->sent_event == SBI_PMU_FW_FENCE_I_SENT);
}

static void rfence_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			  const unsigned long *args, struct sbi_ret *ret)
{
	struct sbi_fence_req req = { v, 0 };

	(void)eid;
	if (fid >= RFENCE_NR_FIDS ||
	    (fid >= RFENCE_HFENCE_GVMA_VMID && !((v->isa >> ISA_EXT_LETTER('h')) & 1))) {
		ret->error = SBI_ERR_NOT_SUPPORTED;
		return;
	}
	req.sent_event = sent_event[fid];
	ret->error = sbi_for_each_target(v, args[0], args[1], sbi_rfence_flush, &req);
}

VMM_SBI_EXT(sbi_ext_rfence) = {
	.name = "rfence",
	.eid_min = SBI_EXT_RFENCE,
	.eid_max = SBI_EXT_RFENCE,
	.handle = rfence_handle,
};
