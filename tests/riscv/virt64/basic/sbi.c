/*
 * SBI calls made by the firmware: the generic ecall, extension probing,
 * TIME set_timer, SRST system_reset and the Xvisor vendor ISA_EXT query
 * that tells which ISA letters and multi-letter extensions the vCPU has.
 */
#include "basic.h"

#define SBI_BASE_PROBE_EXT	3
#define SBI_XVISOR_ISA_EXT	0

struct sbiret sbi_ecall(unsigned long eid, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2)
{
	register unsigned long r_a0 __asm__("a0") = a0;
	register unsigned long r_a1 __asm__("a1") = a1;
	register unsigned long r_a2 __asm__("a2") = a2;
	register unsigned long r_a6 __asm__("a6") = fid;
	register unsigned long r_a7 __asm__("a7") = eid;
	struct sbiret ret;

	__asm__ volatile("ecall"
			 : "+r"(r_a0), "+r"(r_a1)
			 : "r"(r_a2), "r"(r_a6), "r"(r_a7)
			 : "memory");
	ret.error = (long)r_a0;
	ret.value = (long)r_a1;
	return ret;
}

bool sbi_probe(unsigned long eid)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, eid, 0, 0);

	return !r.error && r.value;
}

const struct isa_info *sbi_isa(void)
{
	static struct isa_info isa;
	static bool queried;
	struct sbiret r;
	unsigned int bit;

	if (queried)
		return &isa;
	queried = true;
	isa.vendor = sbi_probe(SBI_EXT_XVISOR);
	for (bit = 0; isa.vendor && bit < ISA_EXT_ID_END; bit++) {
		r = sbi_ecall(SBI_EXT_XVISOR, SBI_XVISOR_ISA_EXT, bit, 0, 0);
		if (r.error || !r.value)
			continue;
		isa.bits |= 1ULL << bit;
		if (bit == ISA_EXT_ZICBOM)
			isa.cbom_block = (uint32_t)r.value;
		if (bit == ISA_EXT_ZICBOZ)
			isa.cboz_block = (uint32_t)r.value;
	}
	return &isa;
}

void sbi_set_timer(uint64_t deadline)
{
	sbi_ecall(SBI_EXT_TIME, 0, deadline, 0, 0);
}

long sbi_system_reset(uint32_t type, uint32_t reason)
{
	return sbi_ecall(SBI_EXT_SRST, 0, type, reason, 0).error;
}
