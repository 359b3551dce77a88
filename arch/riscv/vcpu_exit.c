/*
 * Handling of guest exits: host interrupts taken while the guest ran, SBI
 * calls, guest page faults on emulated regions (decoded and sent to the
 * region's emulator), virtual-instruction traps (WFI, reads of cycle and
 * instret, the AIA CSRs of an emulated IMSIC file; anything else is an
 * illegal instruction for the guest; the instruction is read from guest
 * memory when stval is 0).  A device access the emulators cannot serve
 * gets the access fault a bus would answer; an access outside the guest's
 * memory map halts the vCPU with a register dump (xvisor-compat §8.1).
 */
#include <stdio.h>
#include <arch/asm.h>
#include <arch/insn_decode.h>
#include <arch/nested.h>
#include <arch/sbi_server.h>
#include <arch/trap.h>
#include <arch/vcpu_aia.h>
#include <arch/vcpu_priv.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>

#define INSN_WFI 0x10500073UL
#define INSN_OPC_SYSTEM 0x73

void vcpu_redirect_trap(struct vcpu *v, unsigned long cause, unsigned long tval)
{
	struct vcpu_arch *a = v->arch;
	unsigned long vsstatus = csr_read(CSR_VSSTATUS);

	/* SPP = the privilege the guest trapped from; SPIE = SIE; SIE = 0. */
	vsstatus &= ~(SSTATUS_SPP | SSTATUS_SPIE);
	if (a->regs.sstatus & SSTATUS_SPP)
		vsstatus |= SSTATUS_SPP;
	if (vsstatus & SSTATUS_SIE)
		vsstatus |= SSTATUS_SPIE;
	vsstatus &= ~SSTATUS_SIE;
	csr_write(CSR_VSSTATUS, vsstatus);
	csr_write(CSR_VSEPC, a->regs.sepc);
	csr_write(CSR_VSCAUSE, cause);
	csr_write(CSR_VSTVAL, tval);
	a->regs.sepc = csr_read(CSR_VSTVEC) & ~3UL;
	a->regs.sstatus |= SSTATUS_SPP;
	if (a->nested)
		nested_trap_taken(v, false);
}

/* Cold: inlined, its message buffer would grow every exit's stack frame. */
static __attribute__((cold)) void halt(struct vcpu *v, const char *fmt, unsigned long long arg)
{
	char why[128];

	snprintf(why, sizeof(why), fmt, arg);
	/* Save the live VS state first, so the register dump shows it. */
	vcpu_put(v);
	vcpu_halt(v, why);
}

/* The instruction at the guest's pc, read with HLVX as the guest fetches. */
static bool read_guest_insn(struct vcpu *v, unsigned long *insn)
{
	struct vcpu_arch *a = v->arch;
	int fault;

	csr_write(CSR_HSTATUS, a->regs.hstatus);
	*insn = vcpu_read_insn(a->regs.sepc, &fault);
	csr_clear(CSR_HSTATUS, HSTATUS_SPV);
	return !fault;
}

static bool fetch_insn(struct vcpu *v, unsigned long *insn, bool *from_htinst)
{
	struct vcpu_arch *a = v->arch;

	/* A transformed load/store has bit 0 set; 0 or a pseudo-instruction
	 * means the hypervisor must read the instruction itself. */
	if (a->regs.htinst & 1) {
		*insn = a->regs.htinst;
		*from_htinst = true;
		return true;
	}
	if (a->regs.htinst) {
		halt(v, "guest page-table walk touched non-memory address 0x%llx",
		     (a->regs.htval << 2) | (a->regs.stval & 3));
		return false;
	}
	*from_htinst = false;
	if (!read_guest_insn(v, insn)) {
		halt(v, "cannot read the faulting instruction at 0x%llx", a->regs.sepc);
		return false;
	}
	return true;
}

/*
 * What a device bus answers to an access it cannot serve: the load or
 * store/AMO access fault, at the faulting guest virtual address (stval of
 * the guest-page fault), the instruction not retired.
 */
static void access_fault(struct vcpu *v, bool store)
{
	vcpu_redirect_trap(v, store ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS,
			   vcpu_arch(v)->regs.stval);
}

/*
 * The emulated region at gpa, which becomes the vCPU's last one; NULL when
 * there is none, the vCPU having been halted or given a fault instead.
 */
static struct guest_region *mmio_region(struct vcpu *v, uint64_t gpa, bool store)
{
	struct vcpu_arch *a = v->arch;
	struct guest_region *r = guest_region_find(v->guest, gpa);

	if (!r) {
		halt(v, store ? "store to unmapped guest address 0x%llx" :
				"load from unmapped guest address 0x%llx", gpa);
		return NULL;
	}
	if (r->kind != REGION_VIRTUAL) {
		/* ROM is mapped readable: what faults there is a write or AMO. */
		if (r->kind == REGION_ROM)
			access_fault(v, true);
		else
			halt(v, "unexpected fault on guest memory at 0x%llx", gpa);
		return NULL;
	}
	a->mmio_last = r;
	a->mmio_last_index = r - v->guest->regions;
	return r;
}

/*
 * The access the faulting instruction makes at gpa: a plain load or store
 * in the direction of the fault, naturally aligned; NULL when it is not
 * (the guest then has its access fault) or cannot be read (halted).  The
 * decoding, a pure function of the instruction, is kept for the next exit.
 */
static const struct mmio_insn *mmio_decode(struct vcpu *v, uint64_t gpa, bool store)
{
	struct vcpu_arch *a = v->arch;
	unsigned long insn, key;
	bool from_htinst, atomic_store;

	if (!fetch_insn(v, &insn, &from_htinst))
		return NULL;
	key = insn | (unsigned long)from_htinst << 32;
	if (key != a->mmio_insn_key) {
		if (insn_decode_mmio(insn, from_htinst, &a->mmio_insn)) {
			/* Atomics are not emulated either; LR takes the load fault. */
			access_fault(v, insn_atomic(insn, &atomic_store) ? atomic_store : store);
			return NULL;
		}
		a->mmio_insn_key = key;
	}
	if (a->mmio_insn.is_store != store || (gpa & (a->mmio_insn.width - 1))) {
		access_fault(v, store);
		return NULL;
	}
	return &a->mmio_insn;
}

/*
 * An access to an emulated region is served only when it is a plain load
 * or store, naturally aligned, and the emulator accepts its width at that
 * offset; atomics, misaligned accesses, accesses wider than the device
 * register and any other instruction take an access fault.  The region of
 * the vCPU's last MMIO exit is tried before the lookup (regions live as
 * long as the guest's vCPUs).
 */
static void handle_mmio(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;
	bool store = a->regs.scause == EXC_STORE_GUEST_PAGE_FAULT;
	uint64_t gpa = (a->regs.htval << 2) | (a->regs.stval & 3);
	struct guest_region *r = a->mmio_last;
	const struct mmio_insn *m;
	uint64_t val = 0;
	int rc;

	if (!r || gpa - r->gpa >= r->size) {
		r = mmio_region(v, gpa, store);
		if (!r)
			return;
	}
	m = mmio_decode(v, gpa, store);
	if (!m)
		return;
	v->stats.mmio[a->mmio_last_index]++;
	if (store) {
		val = m->reg ? a->regs.x[m->reg] : 0;
		if (m->width < 8)
			val &= (1ULL << (8 * m->width)) - 1;
		rc = r->emu->write(r->emu_priv, gpa - r->gpa, m->width, val);
		v->stats.mmio_writes++;
	} else {
		rc = r->emu->read(r->emu_priv, gpa - r->gpa, m->width, &val);
		v->stats.mmio_reads++;
		if (!rc && m->reg)
			a->regs.x[m->reg] = mmio_load_extend(val, m);
	}
	if (rc) {
		access_fault(v, store);
		return;
	}
	a->regs.sepc += m->insn_len;
}

/*
 * cycle and instret, which hcounteren does not give the guest: a read
 * (CSRRS/CSRRC with nothing to set or clear) returns the guest's time, so
 * a guest learns nothing about the hart's other work.  A write, or a read
 * from VU-mode that the guest's scounteren does not allow, is illegal.
 */
static bool emulate_counter(struct vcpu *v, unsigned long insn)
{
	struct vcpu_arch *a = v->arch;
	unsigned int csr = insn >> 20, rd = (insn >> 7) & 0x1f;
	unsigned int funct3 = (insn >> 12) & 7, rs1 = (insn >> 15) & 0x1f;

	if ((insn & 0x7f) != INSN_OPC_SYSTEM || (csr != CSR_CYCLE && csr != CSR_INSTRET) ||
	    (funct3 & 3) < 2 || rs1)
		return false;
	if (!(a->regs.sstatus & SSTATUS_SPP) &&
	    !(csr_read(CSR_SCOUNTEREN) & (1UL << (csr - CSR_CYCLE))))
		return false;
	if (rd)
		a->regs.x[rd] = vcpu_guest_time(v);
	a->regs.sepc += 4;
	return true;
}

static void handle_virtual_insn(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;
	unsigned long insn = a->regs.stval;

	v->stats.csr_traps++;
	/* stval may be 0 (the spec allows it): read the instruction then.  If
	 * it cannot be read now, the guest executes it again and traps again. */
	if (!insn && !read_guest_insn(v, &insn))
		return;
	if (insn == INSN_WFI) {
		a->regs.sepc += 4;
		if (!vcpu_has_pending_irq(v))
			vcpu_wait_for_irq(v);
		return;
	}
	if (emulate_counter(v, insn))
		return;
	if (a->aia && vcpu_aia_virtual_insn(v, insn))
		return;
	if (a->nested && nested_virtual_insn(v, insn))
		return;
	sbi_pmu_fw_count(v, SBI_PMU_FW_ILLEGAL_INSN);
	vcpu_redirect_trap(v, EXC_ILLEGAL_INST, insn);
}

static void handle_fetch_fault(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	halt(v, "instruction fetch from non-memory guest address 0x%llx",
	     (a->regs.htval << 2) | (a->regs.stval & 3));
}

/* The exits a guest can cause, by exception code; any other is a bug. */
static void (*const exit_handlers[])(struct vcpu *v) = {
	[EXC_ECALL_VS] = sbi_server_handle,
	[EXC_INST_GUEST_PAGE_FAULT] = handle_fetch_fault,
	[EXC_LOAD_GUEST_PAGE_FAULT] = handle_mmio,
	[EXC_VIRTUAL_INST] = handle_virtual_insn,
	[EXC_STORE_GUEST_PAGE_FAULT] = handle_mmio,
};

void vcpu_guest_exit(struct vcpu *v)
{
	unsigned long cause = vcpu_arch(v)->regs.scause;

	if (cause < sizeof(exit_handlers) / sizeof(exit_handlers[0]) && exit_handlers[cause])
		exit_handlers[cause](v);
	else
		halt(v, "unexpected trap (scause %llu)", cause);
}

void vcpu_handle_exit(struct vcpu *v)
{
	unsigned long cause = vcpu_arch(v)->regs.scause;

	if (cause & SCAUSE_IRQ) {
		v->stats.irqs++;
		arch_handle_irq(cause);
	} else if (vcpu_arch(v)->nested) {
		nested_handle_exit(v);	/* arch/riscv/nested/: calls back if no nested guest runs */
	} else {
		vcpu_guest_exit(v);
	}
}
