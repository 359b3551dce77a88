/*
 * The guest hypervisor's accesses to its nested guest's memory and its
 * fences: HLV/HLVX/HSV are performed by the hart itself with the virtual
 * vsatp, vsstatus and hstatus.SPVP put on it for the one access, through
 * the shadow G-stage (filled as the access needs); a fault is delivered
 * to the guest hypervisor as its hart would (stval the guest virtual
 * address, hstatus.GVA set, htval for a guest-page fault).  hfence.vvma
 * makes the next nested run flush its VS-stage TLB; hfence.gvma drops
 * the shadow G-stage (both whole, whatever their operands).
 */
#include <arch/nested.h>
#include <vmm/vcpu.h>
#include "nested_priv.h"

#define HFENCE_VVMA	0x11
#define HFENCE_GVMA	0x31
#define HINVAL_VVMA	0x13
#define HINVAL_GVMA	0x33

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
 * would report it (a trap from V=0 with a guest virtual address). */
static void hx_fault(struct vcpu *v, unsigned long cause, unsigned long gva, uint64_t gpa)
{
	struct nested *n = nested_of(v);

	n->htval = (cause == EXC_LOAD_GUEST_PAGE_FAULT || cause == EXC_STORE_GUEST_PAGE_FAULT) ?
			   gpa >> 2 : 0;
	n->htinst = 0;
	nested_deliver(v, cause, gva, true);
}

/*
 * Perform the access through the shadow G-stage, filling it on a
 * guest-page fault and trying again (a fill maps one page; an access
 * spans at most two pages plus the VS-stage tables).
 */
static void hx_emulate(struct vcpu *v, unsigned long insn, unsigned int op)
{
	struct vcpu_arch *a = v->arch;
	struct nested *n = nested_of(v);
	unsigned int rd = (insn >> 7) & 0x1f, rs1 = (insn >> 15) & 0x1f;
	unsigned int rs2 = (insn >> 20) & 0x1f;
	unsigned long vsatp = csr_read(CSR_VSATP), vsstatus = csr_read(CSR_VSSTATUS);
	unsigned long hstatus = a->regs.hstatus & ~HSTATUS_SPVP;
	unsigned long addr = a->regs.x[rs1], cause, tval[2], val;
	bool store = op >= HX_SB;
	enum shadow_result res = SHADOW_MAPPED;
	uint64_t gpa = 0;

	csr_write(CSR_VSATP, n->vsatp);
	csr_write(CSR_VSSTATUS, n->vsstatus);
	csr_write(CSR_HSTATUS, hstatus | (n->hstatus & HSTATUS_SPVP));
	nested_shadow_activate(v);
	for (unsigned int tries = 0; tries < 8; tries++) {
		val = nested_hx(op, addr, rs2 ? a->regs.x[rs2] : 0, &cause, tval);
		if (cause != EXC_LOAD_GUEST_PAGE_FAULT && cause != EXC_STORE_GUEST_PAGE_FAULT)
			break;
		gpa = (tval[1] << 2) | (tval[0] & 3);
		res = nested_shadow_fill(v, gpa, store ? SHADOW_STORE : SHADOW_LOAD);
		if (res != SHADOW_MAPPED)
			break;
	}
	nested_shadow_deactivate(v);
	csr_write(CSR_HSTATUS, a->regs.hstatus & ~HSTATUS_SPV);
	csr_write(CSR_VSSTATUS, vsstatus);
	csr_write(CSR_VSATP, vsatp);
	if (res == SHADOW_FAULT_ACCESS)
		cause = store ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS;
	if (cause) {
		hx_fault(v, cause, tval[0], gpa);
		return;
	}
	if (!store && rd)
		a->regs.x[rd] = val;
	a->regs.sepc += 4;
}

void nested_hfence(struct vcpu *v, bool gvma)
{
	if (gvma)
		nested_shadow_reset(v);
	else
		nested_of(v)->shadow_vvma = true;
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
	if ((funct7 == HINVAL_VVMA || funct7 == HINVAL_GVMA) && !((v->isa >> ISA_EXT_SVINVAL) & 1))
		return false;
	if (funct7 == HFENCE_VVMA || funct7 == HINVAL_VVMA)
		nested_hfence(v, false);
	else if (funct7 == HFENCE_GVMA || funct7 == HINVAL_GVMA)
		nested_hfence(v, true);
	else
		return false;
	a->regs.sepc += 4;
	return true;
}
