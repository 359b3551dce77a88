/*
 * The virtual H state of a vCPU with the H extension (what its guest
 * hypervisor reads and writes in its hypervisor and VS CSRs) and the
 * interfaces between the files of arch/riscv/nested/.
 */
#ifndef NESTED_PRIV_H
#define NESTED_PRIV_H

#include <stdbool.h>
#include <arch/asm.h>
#include <arch/gstage_guest.h>
#include <arch/vcpu_priv.h>
#include <vmm/timer.h>

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

	/* The nested guest is on the vCPU (virtual V=1, nested_l2.c). */
	bool l2;
	bool hart_stale;		/* hart state to put back before entry */
	bool l1_vvma;			/* a VS-stage flush owed to the guest's VMID */
	unsigned long host_hedeleg, host_hideleg;
	/* The guest hypervisor's supervisor CSRs while the nested guest runs. */
	struct {
		struct vs_csrs vs;
		unsigned long vstimecmp, hvip;
	} l1;
	struct timer_event l1_timer;	/* kicks the vCPU at the l1 stimecmp */

	/* Shadow G-stage: nested guest physical to host (nested_shadow.c). */
	struct gstage shadow;
	unsigned int shadow_cpu;	/* hart whose TLB is current, or none */
	bool shadow_vvma;		/* the nested VS-stage TLB must be flushed */
};

/* What a shadow fill found (nested_shadow_fill()). */
enum shadow_result {
	SHADOW_MAPPED,		/* retry the access */
	SHADOW_FAULT_L1,	/* the guest hypervisor's G-stage refuses it */
	SHADOW_FAULT_ACCESS,	/* no guest memory there (or ROM written) */
};
enum shadow_access { SHADOW_FETCH, SHADOW_LOAD, SHADOW_STORE };

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

/* Shadow G-stage (nested_shadow.c): create/destroy with the vCPU; map
 * the page of nested guest physical address gpa for an access; drop all
 * of it (the guest hypervisor's hfence.gvma, hgatp writes, the bound);
 * put it on the hart as hgatp (fencing what this hart may hold stale);
 * give the hart back the guest's own hgatp. */
int nested_shadow_init(struct vcpu *v);
void nested_shadow_deinit(struct vcpu *v);
enum shadow_result nested_shadow_fill(struct vcpu *v, uint64_t gpa, enum shadow_access acc);
void nested_shadow_reset(struct vcpu *v);
void nested_shadow_activate(struct vcpu *v);
void nested_shadow_deactivate(struct vcpu *v);

/* The nested guest (nested_l2.c): set up its timer event; enter it (the
 * guest hypervisor's sret with SPV=1); leave it with a trap to the guest
 * hypervisor, as taken from V=1. */
void nested_l2_init(struct vcpu *v);
void nested_l2_enter(struct vcpu *v);
void nested_l2_exit(struct vcpu *v, unsigned long cause, unsigned long tval,
		    unsigned long htval, unsigned long htinst, bool gva);

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
