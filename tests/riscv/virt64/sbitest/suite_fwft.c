/*
 * FWFT: MISALIGNED_EXC_DELEG is NOT_SUPPORTED where the host firmware
 * cannot switch misaligned delegation (OpenSBI 1.1 here); where it can,
 * the value reads 0 or 1, setting it succeeds and the other value is
 * DENIED (pass-through), and a value above 1 or a reserved flag bit is
 * INVALID_PARAM.  Either way a misaligned load behaves as the value says
 * (emulated below the guest, or trapped to it as scause 4).  Features
 * that need extensions this vCPU lacks are NOT_SUPPORTED; reserved and
 * platform-specific features are DENIED; the feature ID is 32 bits wide.
 * Where the feature is offered, the LOCK flag is checked on the secondary
 * hart (suite_hsm_suspend.c), where a hart reset clears it.
 */
#include "sbitest.h"

#define FWFT_MISALIGNED		0
#define FWFT_LANDING_PAD	1
#define FWFT_PTE_AD_HW		4
#define FWFT_PMLEN		5

struct sbiret fwft_set(unsigned long feature, unsigned long value, unsigned long flags)
{
	return sbi_call(SBI_EXT_FWFT, 0, feature, value, flags, 0);
}

struct sbiret fwft_get(unsigned long feature)
{
	return sbi_call(SBI_EXT_FWFT, 1, feature, 0, 0, 0);
}

/* A 4-byte ld from an odd address; the value it loaded. */
static unsigned long misaligned_load(const void *p)
{
	unsigned long v = 0;

	__asm__ volatile(".option push\n.option norvc\nld %0, 0(%1)\n.option pop"
			 : "+r"(v) : "r"(p) : "memory");
	return v;
}

/* The features this vCPU cannot have, reserved ones, an unknown FID. */
static void unavailable_features(void)
{
	check_ret("fwft.pte_ad_hw.get", fwft_get(FWFT_PTE_AD_HW), SBI_ERR_NOT_SUPPORTED, 0);
	check_err("fwft.pte_ad_hw.set", fwft_set(FWFT_PTE_AD_HW, 1, 0), SBI_ERR_NOT_SUPPORTED);
	check_err("fwft.landing_pad.get", fwft_get(FWFT_LANDING_PAD), SBI_ERR_NOT_SUPPORTED);
	check_err("fwft.pmlen.set", fwft_set(FWFT_PMLEN, 7, 0), SBI_ERR_NOT_SUPPORTED);
	check_ret("fwft.reserved.get", fwft_get(6), SBI_ERR_DENIED, 0);
	check_err("fwft.reserved.set", fwft_set(0x3fffffff, 0, 0), SBI_ERR_DENIED);
	check_err("fwft.platform_local.get", fwft_get(0x40000000), SBI_ERR_DENIED);
	check_err("fwft.global_reserved.set", fwft_set(0x80000000, 0, 0), SBI_ERR_DENIED);
	check_err("fwft.platform_global.get", fwft_get(0xc0000000), SBI_ERR_DENIED);
	check_err("fwft.unknown_fid", sbi_call(SBI_EXT_FWFT, 2, 0, 0, 0, 0),
		  SBI_ERR_NOT_SUPPORTED);
}

void suite_fwft(void)
{
	static const unsigned char bytes[16] __attribute__((aligned(8))) = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
	struct sbiret r = fwft_get(FWFT_MISALIGNED);
	unsigned long v;
	bool trapped;

	trap_reset();
	v = misaligned_load(bytes + 1);
	trapped = trap_log.count && trap_log.cause == EXC_LOAD_MISALIGNED;
	check_eq("fwft.misaligned.load_matches", trapped, !r.error && r.value);
	if (!trapped)
		check_eq("fwft.misaligned.emulated_value", (long)v, 0x0807060504030201L);
	if (r.error) {
		/* The host firmware cannot switch its delegation. */
		check_err("fwft.misaligned.get", r, SBI_ERR_NOT_SUPPORTED);
		check_err("fwft.misaligned.set", fwft_set(FWFT_MISALIGNED, 0, 0),
			  SBI_ERR_NOT_SUPPORTED);
		unavailable_features();
		return;
	}
	check_eq("fwft.misaligned.get", r.value == 0 || r.value == 1, true);
	check_err("fwft.misaligned.set_same", fwft_set(FWFT_MISALIGNED, r.value, 0), SBI_SUCCESS);
	check_err("fwft.misaligned.set_other", fwft_set(FWFT_MISALIGNED, !r.value, 0),
		  SBI_ERR_DENIED);
	check_err("fwft.misaligned.set_value_2", fwft_set(FWFT_MISALIGNED, 2, 0),
		  SBI_ERR_INVALID_PARAM);
	check_err("fwft.misaligned.set_reserved_flag", fwft_set(FWFT_MISALIGNED, r.value, 2),
		  SBI_ERR_INVALID_PARAM);
	check_ret("fwft.misaligned.get.upper_bits", fwft_get(1UL << 32 | FWFT_MISALIGNED),
		  SBI_SUCCESS, r.value);
	unavailable_features();
}
