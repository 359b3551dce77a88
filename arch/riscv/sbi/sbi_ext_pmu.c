/*
 * SBI PMU extension (EID 0x504D55), present so that guests get spec
 * answers rather than an unknown EID: the vCPU has no counters, so
 * num_counters is 0, every call naming counters is INVALID_PARAM (no index
 * is valid), and snapshot shared memory is NOT_SUPPORTED.
 */
#include <arch/sbi.h>
#include <arch/sbi_server.h>

#define SBI_EXT_PMU	0x504D55

enum {
	PMU_NUM_COUNTERS,
	PMU_COUNTER_GET_INFO,
	PMU_COUNTER_CONFIG_MATCHING,
	PMU_COUNTER_START,
	PMU_COUNTER_STOP,
	PMU_COUNTER_FW_READ,
	PMU_COUNTER_FW_READ_HI,
	PMU_SNAPSHOT_SET_SHMEM,
};

static void pmu_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
		       const unsigned long *args, struct sbi_ret *ret)
{
	(void)v;
	(void)eid;
	(void)args;
	switch (fid) {
	case PMU_NUM_COUNTERS:
		ret->error = SBI_SUCCESS;
		ret->value = 0;
		break;
	case PMU_COUNTER_GET_INFO:
	case PMU_COUNTER_CONFIG_MATCHING:
	case PMU_COUNTER_START:
	case PMU_COUNTER_STOP:
	case PMU_COUNTER_FW_READ:
	case PMU_COUNTER_FW_READ_HI:
		ret->error = SBI_ERR_INVALID_PARAM;
		break;
	default:	/* snapshot_set_shmem and later FIDs */
		ret->error = SBI_ERR_NOT_SUPPORTED;
		break;
	}
}

VMM_SBI_EXT(sbi_ext_pmu) = {
	.name = "pmu",
	.eid_min = SBI_EXT_PMU,
	.eid_max = SBI_EXT_PMU,
	.handle = pmu_handle,
};
