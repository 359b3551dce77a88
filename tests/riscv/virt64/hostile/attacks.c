/*
 * The attacks a hostile guest can mount on emulated regions and ROM, each
 * checked for the fault a device bus answers with: the store/AMO access
 * fault (7) for AMOs, stores and SC, the load access fault (5) for loads
 * and LR, with stval the faulting address and the instruction not
 * retired.  Covered on every emulated region of sbitest.dts: AMOs, LR,
 * misaligned accesses and accesses wider than the device register; on
 * ROM: stores and AMOs.  Legitimate accesses around them must still work.
 * First, scounteren and senvcfg must be the guest's own (the neighbour
 * sets its own).
 * Then the counters: cycle and instret must read the guest's time, the
 * hpmcounters and counter writes must be illegal instructions; and an
 * SBI timer set far in the future must not fire.
 */
#include <stdio.h>

#include "hostile.h"

#define INSN_CSRW_CYCLE_T0	0xc0029073	/* csrrw x0, cycle, t0 */

#define ATTACK(insn, addr)                                                              \
	__asm__ volatile(insn : : "r"(addr), "r"(1UL) : "t0", "memory")

struct region {
	const char *name;
	unsigned long base;
	unsigned int reg_width;		/* widest access the device serves */
};

static const struct region regions[] = {
	{ "plic", PLIC_BASE, 4 },
	{ "uart", UART_BASE, 1 },
	{ "vminfo", VMINFO_BASE, 8 },
};

static void expect_fault(const char *what, const char *region, unsigned long cause,
			 unsigned long addr)
{
	char name[64];

	snprintf(name, sizeof(name), "%s.%s.count", what, region);
	check_eq(name, (long)fault_log.count, 1);
	snprintf(name, sizeof(name), "%s.%s.scause", what, region);
	check_eq(name, (long)fault_log.cause, (long)cause);
	snprintf(name, sizeof(name), "%s.%s.stval", what, region);
	check_eq(name, (long)fault_log.tval, (long)addr);
	fault_reset();
}

static void expect_trap(const char *what, unsigned long cause)
{
	char name[64];

	snprintf(name, sizeof(name), "%s.count", what);
	check_eq(name, (long)fault_log.count, 1);
	snprintf(name, sizeof(name), "%s.scause", what);
	check_eq(name, (long)fault_log.cause, (long)cause);
	fault_reset();
}

/*
 * Counters: cycle and instret read the guest's own time (nothing about
 * the hart's other work), hpmcounters do not exist (the PMU has none),
 * and writing a counter is illegal.
 */
static void attack_counters(void)
{
	unsigned long t0, cycle, instret, t1;

	fault_reset();
	t0 = csr_read(time);
	cycle = csr_read(cycle);
	instret = csr_read(instret);
	t1 = csr_read(time);
	check_eq("cycle.guest_time", t0 <= cycle && cycle <= t1, 1);
	check_eq("instret.guest_time", t0 <= instret && instret <= t1, 1);
	check_eq("counters.nofault", (long)fault_log.count, 0);
	__asm__ volatile("csrr t0, hpmcounter3" : : : "t0", "memory");
	expect_trap("hpmcounter3", EXC_ILLEGAL_INST);
	__asm__ volatile("csrr t0, hpmcounter31" : : : "t0", "memory");
	expect_trap("hpmcounter31", EXC_ILLEGAL_INST);
	__asm__ volatile(".word " __csr_str(INSN_CSRW_CYCLE_T0) : : : "memory");
	expect_trap("csrw.cycle", EXC_ILLEGAL_INST);
}

/* A set_timer far in the future must not fire now (no wrap-around). */
static void attack_far_timer(void)
{
	unsigned long irqs = fault_log.irqs;
	uint64_t end;

	sbi_set_timer(~0ULL - 1);
	irq_enable(IRQ_S_TIMER);
	end = time_now() + TIMEBASE_HZ / 50;
	while (time_now() < end)
		;
	csr_clear(sstatus, SSTATUS_SIE);
	check_eq("timer.far_future.no_irq", (long)(fault_log.irqs - irqs), 0);
	sbi_set_timer(~0ULL);
}

static void attack_region(const struct region *r)
{
	unsigned long a = r->base;

	fault_reset();
	ATTACK("amoadd.w zero, %1, (%0)", a);
	expect_fault("amoadd.w", r->name, EXC_STORE_ACCESS, a);
	ATTACK("amoswap.d zero, %1, (%0)", a);
	expect_fault("amoswap.d", r->name, EXC_STORE_ACCESS, a);
	ATTACK("amoor.w zero, %1, (%0)", a + 4);
	expect_fault("amoor.w", r->name, EXC_STORE_ACCESS, a + 4);
	ATTACK("lr.w t0, (%0)", a);
	expect_fault("lr.w", r->name, EXC_LOAD_ACCESS, a);
	ATTACK("lw t0, 0(%0)", a + 1);
	expect_fault("misaligned.lw", r->name, EXC_LOAD_ACCESS, a + 1);
	ATTACK("sh %1, 0(%0)", a + 1);
	expect_fault("misaligned.sh", r->name, EXC_STORE_ACCESS, a + 1);
	ATTACK("ld t0, 0(%0)", a + 4);
	expect_fault("misaligned.ld", r->name, EXC_LOAD_ACCESS, a + 4);
	if (r->reg_width < 8) {
		ATTACK("ld t0, 0(%0)", a);
		expect_fault("wide.ld", r->name, EXC_LOAD_ACCESS, a);
		ATTACK("sd %1, 0(%0)", a + 8);
		expect_fault("wide.sd", r->name, EXC_STORE_ACCESS, a + 8);
	}
	if (r->reg_width < 4) {
		ATTACK("lw t0, 0(%0)", a + 4);
		expect_fault("wide.lw", r->name, EXC_LOAD_ACCESS, a + 4);
	}
}

void attack_run(void)
{
	unsigned long rom = NOR_BASE + 0x1000;
	uint32_t magic;

	printf("HOSTILE: attack\n");
	check_reset();
	/* Not the neighbour's value: scounteren is not banked for VS-mode. */
	check_eq("scounteren.own", (long)csr_read(scounteren), 0);
	check_eq("senvcfg.own", (long)csr_read(CSR_SENVCFG), 0);
	for (unsigned int i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		attack_region(&regions[i]);
	ATTACK("sw %1, 0(%0)", rom);
	expect_fault("store", "rom", EXC_STORE_ACCESS, rom);
	ATTACK("amoadd.w zero, %1, (%0)", rom);
	expect_fault("amoadd.w", "rom", EXC_STORE_ACCESS, rom);
	/* Accesses the devices serve still work, without a fault. */
	magic = *(volatile uint32_t *)VMINFO_BASE;
	check_eq("vminfo.magic.nonzero", magic != 0, 1);
	check_eq("vminfo.ld.nofault", (long)*(volatile uint64_t *)VMINFO_BASE == 0 ? -1 : 0, 0);
	check_eq("legit.nofault", (long)fault_log.count, 0);
	attack_counters();
	attack_far_timer();
	check_summary();
}
