/*
 * SBI SUSP extension (EID 0x53555350): system_suspend.  Suspend-to-RAM
 * (type 0) is a defined type we cannot yet honour (resuming needs the
 * vCPU core to restart the caller at resume_addr), so it answers
 * NOT_SUPPORTED; reserved and platform-specific types are INVALID_PARAM.
 */
#include <arch/sbi.h>
#include <arch/sbi_server.h>

#define SBI_EXT_SUSP		0x53555350
#define SUSP_SYSTEM_SUSPEND	0
#define SUSP_TYPE_TO_RAM	0

static void susp_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			const unsigned long *args, struct sbi_ret *ret)
{
	(void)v;
	(void)eid;
	if (fid != SUSP_SYSTEM_SUSPEND)
		ret->error = SBI_ERR_NOT_SUPPORTED;
	else if (args[0] != SUSP_TYPE_TO_RAM)
		ret->error = SBI_ERR_INVALID_PARAM;
	else
		ret->error = SBI_ERR_NOT_SUPPORTED;
}

VMM_DECLARE_SBI_EXT(sbi_ext_susp,
	.name = "susp",
	.hide_bit = SBI_HIDE_SUSP,
	.eid_min = SBI_EXT_SUSP,
	.eid_max = SBI_EXT_SUSP,
	.handle = susp_handle,
);
