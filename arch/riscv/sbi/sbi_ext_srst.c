/*
 * SBI SRST extension (EID 0x53525354): system_reset resets the caller's
 * guest only.  Shutdown leaves it stopped; cold and warm reboot restart
 * it.  Reserved and vendor types and reasons are INVALID_PARAM (SBI
 * v2.0); both are 32-bit values, so the upper bits of a0 and a1 are
 * ignored.  On success the vCPU has new state, so a0/a1 and the PC are
 * left alone.
 */
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <vmm/guest.h>
#include <vmm/vcpu.h>
#include "sbi_priv.h"

#define SRST_SYSTEM_RESET	0
#define SRST_TYPE_SHUTDOWN	0

static void srst_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			const unsigned long *args, struct sbi_ret *ret)
{
	(void)eid;
	if (fid != SRST_SYSTEM_RESET) {
		ret->error = SBI_ERR_NOT_SUPPORTED;
		return;
	}
	ret->error = sbi_srst_check(args[0], args[1]);
	if (ret->error != SBI_SUCCESS)
		return;
	guest_request_reset(v->guest, (uint32_t)args[0] != SRST_TYPE_SHUTDOWN);
	ret->skip_writeback = true;
}

VMM_SBI_EXT(sbi_ext_srst) = {
	.name = "srst",
	.eid_min = SBI_EXT_SRST,
	.eid_max = SBI_EXT_SRST,
	.handle = srst_handle,
};
