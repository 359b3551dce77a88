/*
 * The guest hypervisor's accesses to its nested guest's memory and its
 * fences: HLV/HLVX/HSV are performed by the hart itself with the virtual
 * vsatp, vsstatus and hstatus.SPVP put on it for the one access, through
 * the guest's own G-stage (the guest hypervisor's hgatp must be Bare, so
 * nested guest physical is guest physical); a fault is delivered to the
 * guest hypervisor as the hart would (stval the guest virtual address,
 * hstatus.GVA set).  hfence.vvma/hfence.gvma have nothing to flush while
 * no nested guest runs.
 */
#include <stdio.h>
#include <vmm/vcpu.h>
#include "nested_priv.h"

#define HFENCE_VVMA	0x11
#define HFENCE_GVMA	0x31
#define HINVAL_VVMA	0x13
#define HINVAL_GVMA	0x33

static void hfence_vvma_all(void)
{
	__asm__ __volatile__(".insn r 0x73, 0, 0x11, x0, x0, x0" : : : "memory");
}

/* The access kind of an HLV/HLVX/HSV, or HX_OPS if insn is none. */
static unsigned int hx_op(unsigned long insn)
{
	static const signed char loads[4][4] = {
		{ HX_LB, HX_LBU, -1, -1 },
		{ HX_LH, HX_LHU, -1, HX_LXHU },
		{ HX_LW, HX_LWU, -1, HX_LXWU },
		{ HX_LD, -1, -1, -1 },
	};
	unsigned int funct7 = insn >> 25, rs2 = (insn >> 20) & 0x1f;
	unsigned int rd = (insn >> 7) & 0x1f;

	if ((insn & 0x7f) != 0x73 || ((insn >> 12) & 7) != 4 || (funct7 & 0x78) != 0x30)
		return HX_OPS;
	if (funct7 & 1)	/* hsv: rd is 0 */
		return rd ? HX_OPS : HX_SB + ((funct7 >> 1) & 3);
	if (rs2 > 3 || loads[(funct7 >> 1) & 3][rs2] < 0)
		return HX_OPS;
	return loads[(funct7 >> 1) & 3][rs2];
}

/* The fault of an access on behalf of the guest hypervisor, as its hart
 * would report it: a G-stage fault of ours (no memory behind the address)
 * is the access fault a bus gives. */
static void hx_fault(struct vcpu *v, unsigned int op, unsigned long cause, unsigned long gva)
{
	struct nested *n = nested_of(v);
	bool store = op >= HX_SB;

	if (cause == EXC_LOAD_GUEST_PAGE_FAULT || cause == EXC_STORE_GUEST_PAGE_FAULT)
		cause = store ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS;
	n->htval = 0;
	n->htinst = 0;
	nested_deliver(v, cause, gva, true);
}

static void hx_emulate(struct vcpu *v, unsigned long insn, unsigned int op)
{
	struct vcpu_arch *a = v->arch;
	struct nested *n = nested_of(v);
	unsigned int rd = (insn >> 7) & 0x1f, rs1 = (insn >> 15) & 0x1f;
	unsigned int rs2 = (insn >> 20) & 0x1f;
	unsigned long vsatp = csr_read(CSR_VSATP), vsstatus = csr_read(CSR_VSSTATUS);
	unsigned long hstatus = a->regs.hstatus & ~HSTATUS_SPVP;
	unsigned long addr = a->regs.x[rs1], cause, tval[2], val;

	if ((n->hgatp >> 60) != HGATP_MODE_BARE) {
		vcpu_put(v);
		vcpu_halt(v, "HLV/HSV through a nested G-stage is not supported yet");
		return;
	}
	csr_write(CSR_VSATP, n->vsatp);
	csr_write(CSR_VSSTATUS, n->vsstatus);
	csr_write(CSR_HSTATUS, hstatus | (n->hstatus & HSTATUS_SPVP));
	/* The nested address space may reuse the guest's own ASIDs. */
	hfence_vvma_all();
	val = nested_hx(op, addr, rs2 ? a->regs.x[rs2] : 0, &cause, tval);
	hfence_vvma_all();
	csr_write(CSR_HSTATUS, a->regs.hstatus & ~HSTATUS_SPV);
	csr_write(CSR_VSSTATUS, vsstatus);
	csr_write(CSR_VSATP, vsatp);
	if (cause) {
		hx_fault(v, op, cause, tval[0]);
		return;
	}
	if (op < HX_SB && rd)
		a->regs.x[rd] = val;
	a->regs.sepc += 4;
}

bool nested_mem_insn(struct vcpu *v, unsigned long insn)
{
	struct vcpu_arch *a = v->arch;
	bool from_vs = a->regs.sstatus & SSTATUS_SPP;
	unsigned int funct7 = insn >> 25, op = hx_op(insn);

	if (op != HX_OPS) {
		/* From virtual U-mode only with hstatus.HU. */
		if (!from_vs && !(nested_of(v)->hstatus & HSTATUS_HU))
			return false;
		hx_emulate(v, insn, op);
		return true;
	}
	if ((insn & 0x7fff) != 0x73 || !from_vs)
		return false;
	if (funct7 == HFENCE_VVMA || funct7 == HFENCE_GVMA ||
	    ((funct7 == HINVAL_VVMA || funct7 == HINVAL_GVMA) &&
	     ((v->isa >> ISA_EXT_SVINVAL) & 1))) {
		a->regs.sepc += 4;
		return true;
	}
	return false;
}
