/*
 * SBI FWFT extension (EID 0x46574654): firmware features a guest reads and
 * sets per vCPU.  The feature ID is a 32-bit value (upper bits of a0
 * ignored).
 *
 * MISALIGNED_EXC_DELEG is passed through where the host firmware has it
 * (its own FWFT, read once): hedeleg hands misaligned load/store
 * exceptions to the guest whenever the firmware delegates them to us, so
 * the value is the firmware's; setting that value succeeds, setting the
 * other is DENIED (the spec's pass-through case).  A firmware without it
 * (OpenSBI before 1.5 emulates misaligned accesses in M-mode and cannot
 * be asked to stop) leaves the feature NOT_SUPPORTED: a missing
 * dependency.  PTE_AD_HW_UPDATING needs Svadu, which no
 * vCPU has yet, and LANDING_PAD, SHADOW_STACK, DOUBLE_TRAP and
 * POINTER_MASKING_PMLEN need extensions we do not offer: NOT_SUPPORTED.
 * Reserved and platform-specific features are DENIED.  The LOCK flag
 * holds a feature until the vCPU resets; other flag bits are
 * INVALID_PARAM.
 */
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_arch.h>

#define SBI_EXT_FWFT		0x46574654
#define FWFT_SET		0
#define FWFT_GET		1

#define FWFT_MISALIGNED_EXC_DELEG	0
#define FWFT_NR_STANDARD		6	/* 0..5 are defined by the spec */
#define FWFT_FLAG_LOCK			1UL

#define HOST_UNKNOWN	-1
#define HOST_MISSING	2

/* Host firmware's MISALIGNED_EXC_DELEG value (0, 1), or HOST_MISSING;
 * read on first use (harts racing here read the same). */
static long host_misaligned = HOST_UNKNOWN;

static long misaligned_value(void)
{
	long val = __atomic_load_n(&host_misaligned, __ATOMIC_ACQUIRE);

	if (val == HOST_UNKNOWN) {
		struct sbiret r = sbi_ecall(SBI_EXT_FWFT, FWFT_GET, FWFT_MISALIGNED_EXC_DELEG,
					    0, 0, 0, 0, 0);

		val = r.error ? HOST_MISSING : r.value == 1;
		__atomic_store_n(&host_misaligned, val, __ATOMIC_RELEASE);
	}
	return val;
}

/* SBI_SUCCESS if the feature is offered, else the error for it. */
static long feature_check(uint32_t feature)
{
	if (feature >= FWFT_NR_STANDARD)
		return SBI_ERR_DENIED;
	if (feature != FWFT_MISALIGNED_EXC_DELEG || misaligned_value() == HOST_MISSING)
		return SBI_ERR_NOT_SUPPORTED;
	return SBI_SUCCESS;
}

static long fwft_set(struct vcpu *v, uint32_t feature, unsigned long value,
		     unsigned long flags)
{
	struct sbi_vcpu *s = &vcpu_arch(v)->sbi;
	long err = feature_check(feature);

	if (err)
		return err;
	if ((flags & ~FWFT_FLAG_LOCK) || value > 1)
		return SBI_ERR_INVALID_PARAM;
	if (s->fwft_locked & (1U << feature))
		return SBI_ERR_DENIED;
	if ((long)value != misaligned_value())
		return SBI_ERR_DENIED;
	if (flags & FWFT_FLAG_LOCK)
		s->fwft_locked |= 1U << feature;
	return SBI_SUCCESS;
}

static void fwft_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			const unsigned long *args, struct sbi_ret *ret)
{
	uint32_t feature = (uint32_t)args[0];

	(void)eid;
	ret->value = 0;
	switch (fid) {
	case FWFT_SET:
		ret->error = fwft_set(v, feature, args[1], args[2]);
		break;
	case FWFT_GET:
		ret->error = feature_check(feature);
		if (!ret->error)
			ret->value = misaligned_value();
		break;
	default:
		ret->error = SBI_ERR_NOT_SUPPORTED;
		break;
	}
}

VMM_SBI_EXT(sbi_ext_fwft) = {
	.name = "fwft",
	.eid_min = SBI_EXT_FWFT,
	.eid_max = SBI_EXT_FWFT,
	.handle = fwft_handle,
};
