/*
 * Nested virtualization, the vCPU side: which vCPUs get the H extension
 * (riscv,isa names `h` and the node has xvisor,nested-virt), their
 * virtual H state's life (allocation, reset), the dispatch of their
 * virtual-instruction traps to the CSR and memory emulation and of the
 * trapped sret to the nested guest's entry, and traps delivered to the
 * guest hypervisor (virtual hstatus.SPV/GVA, and the real hstatus.VTSR
 * that makes its sret trap while SPV is set).
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arch/nested.h>
#include <vmm/devtree.h>
#include <vmm/guest.h>
#include "nested_priv.h"

#define INSN_SRET	0x10200073UL
#define H_BIT		(1ULL << ISA_EXT_LETTER('h'))
#define HENVCFG_CBIE	(3UL << 4)
#define HENVCFG_FIOM	1UL

int nested_vcpu_init(struct vcpu *v, int node, const char *isa_string)
{
	struct vcpu_arch *a = v->arch;
	unsigned long mask;

	if (!(isa_parse_string(isa_string) & H_BIT) ||
	    !devtree_read_prop(node, "xvisor,nested-virt", NULL))
		return 0;
	a->nested = calloc(1, sizeof(*a->nested));
	if (!a->nested)
		return -ENOMEM;
	/* A field the vCPU has is writable whole (CBIE has two bits). */
	mask = isa_henvcfg(v->isa) | HENVCFG_FIOM;
	if (mask & HENVCFG_CBIE)
		mask |= HENVCFG_CBIE;
	a->nested->henvcfg_mask = mask;
	nested_l2_init(v);
	if (nested_shadow_init(v)) {
		free(a->nested);
		a->nested = NULL;
		return -ENOMEM;
	}
	v->isa |= H_BIT;
	nested_vcpu_reset(v);
	return 0;
}

void nested_vcpu_deinit(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (!a->nested)
		return;
	timer_event_stop_sync(&a->nested->l1_timer);
	nested_shadow_deinit(v);
	free(a->nested);
	a->nested = NULL;
}

void nested_vcpu_reset(struct vcpu *v)
{
	struct nested *n = nested_of(v);

	if (!n)
		return;
	/* Called off the hart (after vcpu_put): the hart has its own state. */
	memset(n, 0, offsetof(struct nested, henvcfg_mask));
	n->l2 = false;
	n->hart_stale = true;
	n->l1_vvma = false;
	timer_event_stop(&n->l1_timer);
	nested_shadow_reset(v);
	n->hstatus = 2UL << HSTATUS_VSXL_SHIFT;
	n->vsstatus = 2UL << 32;	/* UXL = 64 */
	n->vstimecmp = UINT64_MAX;
	nested_sync_hstatus(v);
}

void nested_sync_hstatus(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (a->nested->hstatus & HSTATUS_SPV)
		a->regs.hstatus |= HSTATUS_VTSR;
	else
		a->regs.hstatus &= ~HSTATUS_VTSR;
}

void nested_trap_taken(struct vcpu *v, bool gva)
{
	struct nested *n = nested_of(v);

	if (n->l2)
		return;
	n->hstatus &= ~(HSTATUS_SPV | HSTATUS_GVA);
	if (gva)
		n->hstatus |= HSTATUS_GVA;
	nested_sync_hstatus(v);
}

void nested_deliver(struct vcpu *v, unsigned long cause, unsigned long tval, bool gva)
{
	vcpu_redirect_trap(v, cause, tval);
	nested_trap_taken(v, gva);
}

bool nested_virtual_insn(struct vcpu *v, unsigned long insn)
{
	/* From virtual U-mode these are illegal, except HLV/HSV with HU. */
	/* sret traps only while the virtual hstatus.SPV is set (VTSR). */
	if (insn == INSN_SRET && (vcpu_arch(v)->regs.sstatus & SSTATUS_SPP)) {
		nested_l2_enter(v);
		return true;
	}
	return nested_csr_insn(v, insn) || nested_mem_insn(v, insn);
}
