/*
 * SBI SUSP extension (EID 0x53555350): system_suspend puts the caller's
 * guest to sleep.  Suspend-to-RAM (type 0) needs every other vCPU of the
 * guest stopped (else DENIED) and resume_addr in guest RAM/ROM (else
 * INVALID_ADDRESS); the guest's memory simply stays as it is, and the
 * calling vCPU sleeps until an interrupt, then restarts at resume_addr
 * with a0 = hart id and a1 = opaque.  Other types are INVALID_PARAM; the
 * type is 32 bits wide, so the upper bits of a0 are ignored.
 */
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <vmm/guest.h>
#include <vmm/vcpu.h>
#include "sbi_priv.h"

#define SBI_EXT_SUSP		0x53555350
#define SUSP_SYSTEM_SUSPEND	0
#define SUSP_TYPE_TO_RAM	0

static bool others_stopped(struct vcpu *v)
{
	struct guest *g = v->guest;

	for (unsigned int i = 0; i < g->nvcpus; i++) {
		struct vcpu *t = g->vcpus[i];

		if (t && t != v && t->state != VCPU_RESET && t->state != VCPU_HALTED)
			return false;
	}
	return true;
}

static void susp_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			const unsigned long *args, struct sbi_ret *ret)
{
	(void)eid;
	if (fid != SUSP_SYSTEM_SUSPEND)
		ret->error = SBI_ERR_NOT_SUPPORTED;
	else if ((uint32_t)args[0] != SUSP_TYPE_TO_RAM)	/* a 32-bit value */
		ret->error = SBI_ERR_INVALID_PARAM;
	else if (!others_stopped(v))
		ret->error = SBI_ERR_DENIED;
	else if (!sbi_addr_is_memory(v, args[1]))
		ret->error = SBI_ERR_INVALID_ADDRESS;
	else
		sbi_suspend_resume_at(v, args[1], args[2], ret);
}

VMM_SBI_EXT(sbi_ext_susp) = {
	.name = "susp",
	.eid_min = SBI_EXT_SUSP,
	.eid_max = SBI_EXT_SUSP,
	.handle = susp_handle,
};
