/*
 * SBI calls of the test guest: the v0.2+ convention (a7 = EID, a6 = FID,
 * a0-a3 in, a4 and a5 zero, a0 = error and a1 = value out) and the v0.1
 * one (a0 only).
 */
#include "sbitest.h"

struct sbiret sbi_call(unsigned long eid, unsigned long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2, unsigned long a3)
{
	register unsigned long r_a0 __asm__("a0") = a0;
	register unsigned long r_a1 __asm__("a1") = a1;
	register unsigned long r_a2 __asm__("a2") = a2;
	register unsigned long r_a3 __asm__("a3") = a3;
	register unsigned long r_a4 __asm__("a4") = 0;
	register unsigned long r_a5 __asm__("a5") = 0;
	register unsigned long r_a6 __asm__("a6") = fid;
	register unsigned long r_a7 __asm__("a7") = eid;

	__asm__ volatile("ecall"
			 : "+r"(r_a0), "+r"(r_a1)
			 : "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5), "r"(r_a6), "r"(r_a7)
			 : "memory");
	return (struct sbiret){ .error = (long)r_a0, .value = (long)r_a1 };
}

long sbi_legacy(unsigned long eid, unsigned long a0)
{
	register unsigned long r_a0 __asm__("a0") = a0;
	register unsigned long r_a7 __asm__("a7") = eid;

	__asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a7) : "a1", "memory");
	return (long)r_a0;
}

void sbi_set_timer(uint64_t deadline)
{
	sbi_call(SBI_EXT_TIME, 0, deadline, 0, 0, 0);
}
