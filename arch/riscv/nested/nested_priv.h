/*
 * The virtual H state of a vCPU with the H extension (what its guest
 * hypervisor reads and writes in its hypervisor and VS CSRs) and the
 * interfaces between the files of arch/riscv/nested/.
 */
#ifndef NESTED_PRIV_H
#define NESTED_PRIV_H

#include <stdbool.h>
#include <arch/asm.h>
#include <arch/vcpu_priv.h>

#define CSR_HGEIP	0xe12
#define HSTATUS_VTVM	(1UL << 20)
#define HGATP_MODE_BARE	0UL

/* The guest hypervisor's hypervisor CSRs and its nested guest's VS CSRs. */
struct nested {
	unsigned long hstatus, hedeleg, hideleg, hvip, hie, hgatp, htval, htinst;
	unsigned long henvcfg, hcounteren, htimedelta;
	unsigned long vsstatus, vsie, vstvec, vsscratch, vsepc, vscause, vstval, vsatp;
	unsigned long vstimecmp;
	unsigned long henvcfg_mask;	/* the henvcfg bits this vCPU may set */
};

static inline struct nested *nested_of(struct vcpu *v)
{
	return vcpu_arch(v)->nested;
}

/* Emulate a CSR instruction on a hypervisor or VS CSR; false if insn is
 * not one (nested_csr.c). */
bool nested_csr_insn(struct vcpu *v, unsigned long insn);
/* Emulate HLV/HLVX/HSV and hfence.vvma/gvma; false if insn is none of
 * those (nested_mem.c). */
bool nested_mem_insn(struct vcpu *v, unsigned long insn);
/* Deliver exception cause with stval tval to the guest hypervisor, as a
 * trap from virtual HS-mode; gva: tval is a guest virtual address. */
void nested_deliver(struct vcpu *v, unsigned long cause, unsigned long tval, bool gva);
/* hstatus.VTSR of the vCPU follows the virtual hstatus.SPV (nested.c). */
void nested_sync_hstatus(struct vcpu *v);

/*
 * HLV/HLVX/HSV executed by the hypervisor on behalf of the guest
 * (nested_unpriv.S), with the hart's vsatp, vsstatus and hstatus.SPVP
 * set up by the caller and interrupts masked.  op: enum nested_hx_op.
 * A fault returns its scause in *cause (0: none) and stval/htval in
 * tval[0]/tval[1].
 */
enum nested_hx_op {
	HX_LB, HX_LBU, HX_LH, HX_LHU, HX_LW, HX_LWU, HX_LD, HX_LXHU, HX_LXWU,
	HX_SB, HX_SH, HX_SW, HX_SD, HX_OPS
};
unsigned long nested_hx(unsigned int op, unsigned long addr, unsigned long val,
			unsigned long *cause, unsigned long *tval);

#endif
