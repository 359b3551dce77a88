/*
 * The shadow G-stage of a nested guest: one table per vCPU with the H
 * extension, with a VMID of its own, translating the nested guest's
 * physical addresses straight to host memory.  It is the composition of
 * the guest hypervisor's G-stage (its hgatp tables, walked in guest
 * memory; Bare: the identity) with the guest's own, filled one 4 KiB page
 * at a time on the nested guest's guest-page faults, writable only where
 * both stages allow a write and the guest hypervisor's PTE is dirty.  It
 * is dropped whole on the guest hypervisor's hfence.gvma and hgatp
 * writes, and when it reaches its bound of table pages.
 */
#include <errno.h>
#include <arch/gstage.h>
#include <arch/pte.h>
#include <vmm/guest.h>
#include <vmm/smp.h>
#include "nested_priv.h"

#define SHADOW_MAX_TABLE_PAGES	256	/* 1 MiB of tables, then start over */
#define PPN_MASK ((1ULL << 44) - 1)

int nested_shadow_init(struct vcpu *v)
{
	struct nested *n = nested_of(v);

	n->shadow_cpu = VCPU_NO_CPU;
	return gstage_create(&n->shadow);
}

void nested_shadow_deinit(struct vcpu *v)
{
	gstage_destroy(&nested_of(v)->shadow);
}

static void hfence_vvma_all(void)
{
	__asm__ __volatile__(".insn r 0x73, 0, 0x11, x0, x0, x0" : : : "memory");
}

void nested_shadow_reset(struct vcpu *v)
{
	struct nested *n = nested_of(v);

	gstage_unmap_all(&n->shadow);
	/* Every hart fences the VMID before it next uses the shadow. */
	n->shadow_cpu = VCPU_NO_CPU;
}

void nested_shadow_activate(struct vcpu *v)
{
	struct nested *n = nested_of(v);
	unsigned int cpu = this_cpu()->id;

	csr_write(CSR_HGATP, n->shadow.hgatp);
	if (n->shadow_cpu != cpu || !n->shadow.vmid) {
		gstage_hfence_vmid(n->shadow.vmid);
		n->shadow_vvma = true;
		n->shadow_cpu = cpu;
	}
	if (n->shadow_vvma) {
		hfence_vvma_all();	/* the VMID of hgatp: the shadow's */
		n->shadow_vvma = false;
	}
}

void nested_shadow_deactivate(struct vcpu *v)
{
	struct nested *n = nested_of(v);
	struct gstage *gs = v->guest->arch;

	csr_write(CSR_HGATP, gs->hgatp);
	if (!gs->vmid)
		gstage_hfence_vmid(0);	/* as vcpu_load: VMID 0 is shared */
	if (!n->shadow.vmid) {
		/* VMID 0 shared with the guest: drop the nested entries. */
		gstage_hfence_vmid(0);
		hfence_vvma_all();
		n->shadow_cpu = VCPU_NO_CPU;
	}
}

/*
 * Walk the guest hypervisor's G-stage for nested gpa: the guest physical
 * address it maps to and the leaf's permission bits, or false if the walk
 * faults (invalid, reserved W-without-R, no U, not accessed, misaligned
 * superpage, a table outside guest memory, an address beyond the width).
 */
static bool l1_walk(struct vcpu *v, uint64_t gpa, uint64_t *out, uint64_t *perm)
{
	struct nested *n = nested_of(v);
	unsigned long mode = n->hgatp >> 60;
	int levels = mode == 8 ? 3 : mode == 9 ? 4 : 5;
	uint64_t table = (n->hgatp & PPN_MASK) << 12, pte;

	if (mode == HGATP_MODE_BARE) {
		*out = gpa;
		*perm = PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D;
		return true;
	}
	if (gpa >> (12 + 9 * levels + 2))
		return false;
	for (int level = levels - 1; level >= 0; level--) {
		uint64_t mask = level == levels - 1 ? 0x7ff : 0x1ff;
		uint64_t idx = (gpa >> (12 + 9 * level)) & mask;
		uint64_t span = 1ULL << (12 + 9 * level);

		if (guest_memory_read(v->guest, table + idx * 8, &pte, 8) != 8)
			return false;
		if (!(pte & PTE_V) || ((pte & PTE_W) && !(pte & PTE_R)))
			return false;
		if (!(pte & (PTE_R | PTE_W | PTE_X))) {
			table = ((pte >> 10) & PPN_MASK) << 12;
			continue;
		}
		if (!(pte & PTE_U) || !(pte & PTE_A) || (((pte >> 10) << 12) & (span - 1)))
			return false;
		*out = ((((pte >> 10) & PPN_MASK) << 12) & ~(span - 1)) | (gpa & (span - 1));
		*perm = pte;
		return true;
	}
	return false;
}

static bool allowed(uint64_t perm, enum shadow_access acc)
{
	if (acc == SHADOW_FETCH)
		return perm & PTE_X;
	if (acc == SHADOW_LOAD)
		return perm & PTE_R;
	return (perm & PTE_W) && (perm & PTE_D);
}

enum shadow_result nested_shadow_fill(struct vcpu *v, uint64_t gpa, enum shadow_access acc)
{
	struct nested *n = nested_of(v);
	struct gstage *gs = v->guest->arch;
	uint64_t gpa1, perm, hpa;
	bool writable;
	int rc;

	if (!l1_walk(v, gpa, &gpa1, &perm) || !allowed(perm, acc))
		return SHADOW_FAULT_L1;
	if (gstage_lookup(gs, gpa1, &hpa, &writable) || (acc == SHADOW_STORE && !writable))
		return SHADOW_FAULT_ACCESS;
	writable = writable && (perm & PTE_W) && (perm & PTE_D);
	if (n->shadow.table_pages >= SHADOW_MAX_TABLE_PAGES)
		nested_shadow_reset(v);
	rc = gstage_map(&n->shadow, gpa & ~0xfffULL, hpa & ~0xfffULL, 0x1000, writable);
	if (rc == -EEXIST || rc == -ENOMEM) {
		/* Mapped read-only before (now dirty), or out of pages. */
		nested_shadow_reset(v);
		rc = gstage_map(&n->shadow, gpa & ~0xfffULL, hpa & ~0xfffULL, 0x1000, writable);
	}
	if (rc)
		return SHADOW_FAULT_ACCESS;
	/* Called with the shadow on the hart: fence it again after a reset. */
	if (n->shadow_cpu == VCPU_NO_CPU)
		nested_shadow_activate(v);
	return SHADOW_MAPPED;
}
