/*
 * The Xvisor vendor extension (ISA_EXT of 'i', 'c', 'h' and Sstc, which
 * must match whether stimecmp reads without a trap; bit 64 invalid), SRST
 * argument checks (reserved types and reasons, also with upper bits set,
 * which are ignored: nothing valid is called, so the guest keeps running;
 * the `reset` command makes valid calls), and CSR accesses the guest must
 * get as illegal instructions: a custom CSR no one implements, and
 * hstatus, which traps to the hypervisor as a virtual instruction and
 * must come back as one.
 */
#include <stdio.h>

#include "sbitest.h"

#define XVISOR_ISA_EXT		0
#define ISA_BIT(c)		((c) - 'a')
#define ISA_BIT_SSTC		28
#define INSN_CSRR_A0_HSTATUS	0x60002573UL	/* csrr a0, hstatus */

static struct sbiret isa_ext(unsigned long bit)
{
	return sbi_call(SBI_EXT_XVISOR, XVISOR_ISA_EXT, bit, 0, 0, 0);
}

/* Whether stimecmp (CSR 0x14d) reads without a trap, i.e. Sstc is on. */
static long has_stimecmp(void)
{
	trap_reset();
	__asm__ volatile("csrr a0, 0x14d" : : : "a0", "memory");
	return trap_log.count == 0;
}

static struct sbiret srst(unsigned long fid, unsigned long type, unsigned long reason)
{
	return sbi_call(SBI_EXT_SRST, fid, type, reason, 0, 0);
}

static void csr_traps(void)
{
	trap_reset();
	read_missing_csr();
	check_eq("trap.csr_custom", (long)trap_log.cause, EXC_ILLEGAL_INST);
	trap_reset();
	__asm__ volatile("csrr a0, hstatus" : : : "a0", "memory");
	check_eq("trap.csr_hstatus", (long)trap_log.cause, EXC_ILLEGAL_INST);
	check_eq("trap.csr_hstatus.stval", (long)trap_log.tval, (long)INSN_CSRR_A0_HSTATUS);
}

void suite_misc(void)
{
	check_ret("xvisor.isa_ext.i", isa_ext(ISA_BIT('i')), SBI_SUCCESS, 1);
	check_ret("xvisor.isa_ext.c", isa_ext(ISA_BIT('c')), SBI_SUCCESS, 1);
	check_ret("xvisor.isa_ext.h", isa_ext(ISA_BIT('h')), SBI_SUCCESS, 0);
	printf("SBI: vCPU timer %s\n", has_stimecmp() ? "Sstc" : "SBI TIME");
	check_ret("xvisor.isa_ext.sstc", isa_ext(ISA_BIT_SSTC), SBI_SUCCESS, has_stimecmp());
	check_err("xvisor.isa_ext.bit64", isa_ext(64), SBI_ERR_INVALID_PARAM);
	check_err("xvisor.unknown_fid", sbi_call(SBI_EXT_XVISOR, 1, 0, 0, 0, 0),
		  SBI_ERR_NOT_SUPPORTED);

	check_err("srst.reserved_type", srst(0, 3, 0), SBI_ERR_INVALID_PARAM);
	check_err("srst.vendor_type", srst(0, 0xF0000000UL, 0), SBI_ERR_INVALID_PARAM);
	check_err("srst.reserved_type.upper_bits", srst(0, 1UL << 32 | 3, 0),
		  SBI_ERR_INVALID_PARAM);
	check_err("srst.reserved_reason", srst(0, 0, 2), SBI_ERR_INVALID_PARAM);
	check_err("srst.reserved_reason.upper_bits", srst(0, 0, 1UL << 32 | 2),
		  SBI_ERR_INVALID_PARAM);
	check_err("srst.unknown_fid", srst(1, 0, 0), SBI_ERR_NOT_SUPPORTED);

	csr_traps();
}
