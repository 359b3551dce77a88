/*
 * The Xvisor vendor SBI extension (EID 0x0A000002), kept for guest
 * firmware written for Xvisor: ISA_EXT(bit) tells whether the calling
 * vCPU has an ISA extension, numbered as in arch/isa_ext_ids.h (letters
 * 0-25, then 26 Ssaia, 27 Smaia, 28 Sstc, 29 Smstateen, ...): nonzero when
 * it has it, the block size in bytes for Zicbom and Zicboz.
 */
#include <arch/cpu.h>
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <vmm/vcpu.h>

#define SBI_EXT_XVISOR		0x0A000002
#define XVISOR_ISA_EXT		0

static void xvisor_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			  const unsigned long *args, struct sbi_ret *ret)
{
	(void)eid;
	if (fid != XVISOR_ISA_EXT) {
		ret->error = SBI_ERR_NOT_SUPPORTED;
		return;
	}
	if (args[0] >= ISA_EXT_MAX) {
		ret->error = SBI_ERR_INVALID_PARAM;
		return;
	}
	ret->error = SBI_SUCCESS;
	ret->value = isa_ext_value(v->isa, args[0]);
}

VMM_SBI_EXT(sbi_ext_xvisor) = {
	.name = "xvisor",
	.eid_min = SBI_EXT_XVISOR,
	.eid_max = SBI_EXT_XVISOR,
	.handle = xvisor_handle,
};
