/*
 * G-stage page tables: each guest has its own Sv39x4/Sv48x4/Sv57x4 tree
 * (the widest the harts support) and, where the harts implement them, its
 * own VMID.  Host-backed regions are mapped with the largest leaves that
 * the alignment of both addresses and the remaining size allow (1 GiB,
 * 2 MiB, 4 KiB); emulated regions are never mapped, so every access to
 * them faults to the hypervisor.  Leaves carry U=1 (required for G-stage)
 * and pre-set A/D bits.  A mapping is never replaced and never reaches
 * beyond the mode's guest physical address width.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arch/asm.h>
#include <arch/gstage.h>
#include <arch/gstage_guest.h>
#include <arch/pte.h>
#include <vmm/guest.h>
#include <vmm/page.h>
#include <vmm/smp.h>


static unsigned long vmid_map[(1UL << 14) / 64];
static spinlock_t vmid_lock = SPINLOCK_INIT;

static int vmid_alloc(void)
{
	unsigned long nvmids = vmid_bits ? 1UL << vmid_bits : 1, flags;
	int vmid = -1;

	spin_lock_irqsave(&vmid_lock, flags);
	/* VMID 0 is kept for "no guest"; with no VMID bits everyone shares it. */
	for (unsigned long i = 1; i < nvmids && vmid < 0; i++)
		if (!(vmid_map[i / 64] & (1UL << (i % 64)))) {
			vmid_map[i / 64] |= 1UL << (i % 64);
			vmid = i;
		}
	spin_unlock_irqrestore(&vmid_lock, flags);
	return vmid < 0 ? 0 : vmid;
}

static void vmid_free(unsigned int vmid)
{
	unsigned long flags;

	if (!vmid)
		return;
	spin_lock_irqsave(&vmid_lock, flags);
	vmid_map[vmid / 64] &= ~(1UL << (vmid % 64));
	spin_unlock_irqrestore(&vmid_lock, flags);
}

static uint64_t *table_of(uint64_t pte)
{
	return (uint64_t *)((pte >> 10) << 12);
}

/* Index of gpa at a level (0 = leaf level); the root has 2 extra bits. */
static unsigned int pte_index(uint64_t gpa, unsigned int level)
{
	unsigned int shift = 12 + 9 * level;
	uint64_t mask = level == gstage_levels - 1 ? 0x7ff : 0x1ff;

	return (gpa >> shift) & mask;
}

static int map_one(struct gstage *gs, uint64_t gpa, uint64_t hpa, unsigned int leaf_level,
		   uint64_t prot)
{
	uint64_t *table = gs->root;

	for (unsigned int level = gstage_levels - 1; level > leaf_level; level--) {
		uint64_t *pte = &table[pte_index(gpa, level)];

		if (!(*pte & PTE_V)) {
			uint64_t *next = page_zalloc(0);

			if (!next)
				return -ENOMEM;
			gs->table_pages++;
			*pte = (((uint64_t)next >> 12) << 10) | PTE_V;
		} else if (*pte & PTE_LEAF) {
			return -EEXIST;
		}
		table = table_of(*pte);
	}
	/* Never replace a mapping (or a table) already there. */
	if (table[pte_index(gpa, leaf_level)] & PTE_V)
		return -EEXIST;
	table[pte_index(gpa, leaf_level)] = ((hpa >> 12) << 10) | prot | PTE_V | PTE_U | PTE_A |
					    PTE_D;
	return 0;
}

int gstage_map(struct gstage *gs, uint64_t gpa, uint64_t hpa, uint64_t size, bool writable)
{
	uint64_t prot = PTE_R | PTE_X | (writable ? PTE_W : 0);

	/* pte_index() drops the bits above the width: refuse, never alias. */
	if (gpa + size < gpa || ((gpa + size - 1) >> gstage_gpa_bits()))
		return -ERANGE;
	while (size) {
		unsigned int level = 0;
		int rc;

		for (unsigned int l = 2; l > 0; l--) {
			uint64_t bs = 1ULL << (12 + 9 * l);

			if (!(gpa & (bs - 1)) && !(hpa & (bs - 1)) && size >= bs) {
				level = l;
				break;
			}
		}
		rc = map_one(gs, gpa, hpa, level, prot);
		if (rc)
			return rc;
		gpa += 1ULL << (12 + 9 * level);
		hpa += 1ULL << (12 + 9 * level);
		size -= 1ULL << (12 + 9 * level);
	}
	return 0;
}

static void hfence_vmid_call(void *arg)
{
	gstage_hfence_vmid(((struct gstage *)arg)->vmid);
}

int gstage_remap_page(struct gstage *gs, uint64_t gpa, uint64_t hpa)
{
	uint64_t *table = gs->root;

	for (unsigned int level = gstage_levels - 1; level > 0; level--) {
		uint64_t pte = table[pte_index(gpa, level)];

		if (!(pte & PTE_V) && !hpa)
			return 0;
		if (!(pte & PTE_V))
			return gstage_map(gs, gpa, hpa, 0x1000, true);
		if (pte & PTE_LEAF)
			return -EEXIST;
		table = table_of(pte);
	}
	__atomic_store_n(&table[pte_index(gpa, 0)],
			 hpa ? ((hpa >> 12) << 10) | PTE_R | PTE_W | PTE_X | PTE_V | PTE_U |
				       PTE_A | PTE_D : 0, __ATOMIC_SEQ_CST);
	for (unsigned int i = 0; i < vmm_cpu_count; i++)
		if (vmm_cpus[i].online)
			smp_call_on(&vmm_cpus[i], hfence_vmid_call, gs);
	return 0;
}

static void free_tables(uint64_t *table, unsigned int level, unsigned int entries)
{
	for (unsigned int i = 0; i < entries && level > 0; i++)
		if ((table[i] & PTE_V) && !(table[i] & PTE_LEAF)) {
			free_tables(table_of(table[i]), level - 1, 512);
			page_free(table_of(table[i]), 0);
		}
}

void gstage_unmap_all(struct gstage *gs)
{
	free_tables(gs->root, gstage_levels - 1, 2048);
	memset(gs->root, 0, 4 * 4096);
	gs->table_pages = 0;
}

int gstage_lookup(struct gstage *gs, uint64_t gpa, uint64_t *hpa, bool *writable)
{
	uint64_t *table = gs->root;

	if (gpa >> gstage_gpa_bits())
		return -ENOENT;
	for (int level = gstage_levels - 1; level >= 0; level--) {
		uint64_t pte = table[pte_index(gpa, level)];

		if (!(pte & PTE_V))
			return -ENOENT;
		if (pte & PTE_LEAF) {
			uint64_t span = 1ULL << (12 + 9 * level);

			*hpa = ((pte >> 10) << 12) + (gpa & (span - 1));
			*writable = pte & PTE_W;
			return 0;
		}
		table = table_of(pte);
	}
	return -ENOENT;
}

int gstage_create(struct gstage *gs)
{
	memset(gs, 0, sizeof(*gs));
	if (!gstage_mode)
		return -ENODEV;
	/* The root of an x4 mode is 16 KiB and 16 KiB aligned. */
	gs->root = page_zalloc(2);
	if (!gs->root)
		return -ENOMEM;
	gs->vmid = vmid_alloc();
	gs->hgatp = (gstage_mode << HGATP_MODE_SHIFT) |
		    ((unsigned long)gs->vmid << HGATP_VMID_SHIFT) | ((uint64_t)gs->root >> 12);
	return 0;
}

static void flush_vmid_local(void *arg)
{
	struct gstage *gs = arg;

	if (csr_read(CSR_HGATP) == gs->hgatp)
		csr_write(CSR_HGATP, 0);
	gstage_hfence_vmid(gs->vmid);
}

void gstage_flush(struct gstage *gs)
{
	for (unsigned int i = 0; i < vmm_cpu_count; i++)
		if (vmm_cpus[i].online)
			smp_call_on(&vmm_cpus[i], flush_vmid_local, gs);
}

void gstage_destroy(struct gstage *gs)
{
	if (!gs->root)
		return;
	gstage_flush(gs);
	free_tables(gs->root, gstage_levels - 1, 2048);
	page_free(gs->root, 2);
	vmid_free(gs->vmid);
	gs->root = NULL;
}

void gstage_hfence_vmid(unsigned int vmid)
{
	/* hfence.gvma zero, vmid */
	__asm__ __volatile__(".insn r 0x73, 0, 0x31, x0, x0, %0" : : "r"((unsigned long)vmid)
			     : "memory");
}
