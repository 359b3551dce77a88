/*
 * SBI IPI extension (EID 0x735049): send_ipi raises VSSIP on every vCPU of
 * the caller's guest named by (hart_mask, hart_mask_base).  A mask naming
 * a hart the guest does not have is rejected as a whole, per the spec.
 */
#include <arch/asm.h>
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_arch.h>
#include <vmm/vcpu.h>
#include "sbi_priv.h"

#define IPI_SEND_IPI	0

void sbi_ipi_raise(struct vcpu *target, void *from)
{
	sbi_pmu_fw_count(from, SBI_PMU_FW_IPI_SENT);
	sbi_pmu_fw_count(target, SBI_PMU_FW_IPI_RCVD);
	vcpu_irq_assert(target, IRQ_VS_SOFT);
}

static void ipi_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
		       const unsigned long *args, struct sbi_ret *ret)
{
	(void)eid;
	if (fid != IPI_SEND_IPI) {
		ret->error = SBI_ERR_NOT_SUPPORTED;
		return;
	}
	ret->error = sbi_for_each_target(v, args[0], args[1], sbi_ipi_raise, v);
}

VMM_SBI_EXT(sbi_ext_ipi) = {
	.name = "ipi",
	.eid_min = SBI_EXT_IPI,
	.eid_max = SBI_EXT_IPI,
	.handle = ipi_handle,
};
