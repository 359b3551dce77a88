/*
 * SBI TIME extension (EID 0x54494D45): set_timer programs the calling
 * vCPU's timer for a guest-time deadline and clears its pending timer
 * interrupt (the vCPU core picks vstimecmp or a software timer); an
 * all-ones deadline disarms it.
 */
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_arch.h>
#include "sbi_priv.h"

#define TIME_SET_TIMER	0

static void time_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			const unsigned long *args, struct sbi_ret *ret)
{
	(void)eid;
	if (fid != TIME_SET_TIMER) {
		ret->error = SBI_ERR_NOT_SUPPORTED;
		return;
	}
	vcpu_timer_set(v, args[0]);
	sbi_pmu_fw_count(v, SBI_PMU_FW_SET_TIMER);
	ret->error = SBI_SUCCESS;
}

VMM_SBI_EXT(sbi_ext_time) = {
	.name = "time",
	.eid_min = SBI_EXT_TIME,
	.eid_max = SBI_EXT_TIME,
	.handle = time_handle,
};
