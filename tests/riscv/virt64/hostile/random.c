/*
 * The random guest: a seeded xorshift stream of SBI calls (every
 * extension but the ones that stop, suspend or reset the guest or write
 * its console, and unknown EIDs), reads of any of the 4096 CSR numbers
 * (generated code), writes of the scratch CSRs, MMIO accesses and AMOs of
 * every width and alignment to the emulated regions and the ROM, and
 * fences.  Interrupts stay masked (sstatus.SIE = 0).  It prints its seed
 * first, so `random <seed> <steps>` replays a failure, then a progress
 * line every 65536 steps and a final count.
 */
#include <stdio.h>

#include "hostile.h"

#define PROGRESS_MASK	0xffffUL
#define INSN_RET	0x00008067u
#define INSN_CSRRS_A0	0x00002573u	/* csrrs a0, <csr>, x0 */
#define INSN_CSRRC_A0	0x00003573u	/* csrrc a0, <csr>, x0 */
#define PLIC_SPAN	0x400000UL
#define DEV_SPAN	0x1000UL

static uint64_t rng;
static uint32_t csr_code[2] __attribute__((aligned(4)));

static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static void random_sbi(void)
{
	static const unsigned long eids[] = {
		SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_RFENCE, SBI_EXT_HSM,
		SBI_EXT_PMU, SBI_EXT_XVISOR, SBI_EXT_NACL, 0, 3, 4, 5, 6, 7,
	};
	uint64_t r = next();
	unsigned long eid = eids[r % (sizeof(eids) / sizeof(eids[0]))];
	unsigned long fid = (r >> 8) % 12;

	if ((r >> 16) % 8 == 0)
		eid = (unsigned long)next();	/* mostly unknown EIDs */
	if (eid == SBI_EXT_HSM && (fid == SBI_HSM_HART_START || fid == SBI_HSM_HART_STOP ||
				   fid == SBI_HSM_SUSPEND))
		fid = SBI_HSM_GET_STATUS;
	if (eid == SBI_EXT_SRST || eid == SBI_EXT_SUSP || eid == SBI_EXT_DBCN ||
	    (eid >= 1 && eid <= 2) || eid == 8)
		eid = SBI_EXT_BASE;
	sbi_call(eid, fid, next(), next() % 4 ? next() % 4 : next(), next(), next());
}

static void random_csr(void)
{
	uint64_t r = next();
	unsigned long csr = r & 0xfff, v = next();
	void (*fn)(void) = (void (*)(void))csr_code;

	switch ((r >> 12) % 4) {
	case 0:
		csr_write(sscratch, v);
		return;
	case 1:
		csr_write(stval, v);
		return;
	default:
		csr_code[0] = (uint32_t)(csr << 20) | ((r >> 12) % 4 == 2 ? INSN_CSRRS_A0 :
									    INSN_CSRRC_A0);
		csr_code[1] = INSN_RET;
		__asm__ volatile("fence.i" : : : "memory");
		__asm__ volatile("jalr %0" : : "r"(fn) : "a0", "ra", "memory");
	}
}

static void access(unsigned long addr, unsigned int op, unsigned long val)
{
	switch (op) {
	case 0:
		__asm__ volatile("lb t0, 0(%0)" : : "r"(addr) : "t0", "memory");
		break;
	case 1:
		__asm__ volatile("lhu t0, 0(%0)" : : "r"(addr) : "t0", "memory");
		break;
	case 2:
		__asm__ volatile("lw t0, 0(%0)" : : "r"(addr) : "t0", "memory");
		break;
	case 3:
		__asm__ volatile("ld t0, 0(%0)" : : "r"(addr) : "t0", "memory");
		break;
	case 4:
		__asm__ volatile("lr.d t0, (%0)" : : "r"(addr) : "t0", "memory");
		break;
	case 5:
		__asm__ volatile("sb %1, 0(%0)" : : "r"(addr), "r"(val) : "memory");
		break;
	case 6:
		__asm__ volatile("sh %1, 0(%0)" : : "r"(addr), "r"(val) : "memory");
		break;
	case 7:
		__asm__ volatile("sw %1, 0(%0)" : : "r"(addr), "r"(val) : "memory");
		break;
	case 8:
		__asm__ volatile("sd %1, 0(%0)" : : "r"(addr), "r"(val) : "memory");
		break;
	default:
		__asm__ volatile("amoadd.w zero, %1, (%0)" : : "r"(addr), "r"(val) : "memory");
		break;
	}
}

static void random_mmio(void)
{
	uint64_t r = next();
	unsigned int op = (r >> 4) % 10, region = r % 4;
	unsigned long off = next(), addr;

	/* Whole accesses only: one that runs off a region's end reaches
	 * unmapped guest memory, which halts the vCPU by design (§8.1). */
	switch (region) {
	case 0:
		addr = PLIC_BASE + off % (PLIC_SPAN - 8);
		break;
	case 1:
		/* Only the scratch register may be written: the console is ours. */
		addr = UART_BASE + (op >= 5 ? UART_SCR : off % (DEV_SPAN - 8));
		break;
	case 2:
		addr = VMINFO_BASE + off % (DEV_SPAN - 8);
		break;
	default:
		addr = NOR_BASE + off % (NOR_SIZE - 8);
		break;
	}
	access(addr, op, next());
}

static void random_fence(void)
{
	uint64_t r = next();

	switch (r % 5) {
	case 0:
		__asm__ volatile("fence" : : : "memory");
		break;
	case 1:
		__asm__ volatile("fence.i" : : : "memory");
		break;
	case 2:
		__asm__ volatile("sfence.vma %0, %1" : : "r"(next()), "r"(next()) : "memory");
		break;
	case 3:
		/* hfence.vvma: a virtual-instruction trap in VS-mode. */
		__asm__ volatile(".insn r 0x73, 0, 0x11, x0, %0, %1" : : "r"(next()),
				 "r"(next()) : "memory");
		break;
	default:
		sbi_call(SBI_EXT_RFENCE, r % 2, next() % 4, 0, 0, ~0UL);
		break;
	}
}

void random_run(uint64_t seed, unsigned long steps)
{
	unsigned long i;

	rng = seed ? seed : 1;
	csr_clear(sstatus, SSTATUS_SIE);
	fault_reset();
	printf("RANDOM: seed 0x%llx steps %lu\n", (unsigned long long)seed, steps);
	for (i = 0; i < steps; i++) {
		switch (next() % 4) {
		case 0:
			random_sbi();
			break;
		case 1:
			random_csr();
			break;
		case 2:
			random_mmio();
			break;
		default:
			random_fence();
			break;
		}
		if ((i & PROGRESS_MASK) == PROGRESS_MASK)
			printf("RANDOM: %lu steps, %lu faults\n", i + 1, fault_log.count);
	}
	printf("RANDOM: done %lu steps, %lu faults\n", i, fault_log.count);
}
