/*
 * A guest's G-stage translation: root table, VMID and the hgatp value
 * that selects them.  Built by the guest manager through these calls.
 */
#ifndef ARCH_GSTAGE_GUEST_H
#define ARCH_GSTAGE_GUEST_H

#include <stdbool.h>
#include <stdint.h>

struct gstage {
	uint64_t *root;
	unsigned int vmid;
	unsigned long hgatp;
	unsigned long table_pages;
};

int gstage_create(struct gstage *gs);
void gstage_destroy(struct gstage *gs);
/* Map [gpa, gpa+size) to [hpa, ...): RWX, or R-X when !writable.
 * -ERANGE beyond the G-stage width, -EEXIST over an existing mapping. */
int gstage_map(struct gstage *gs, uint64_t gpa, uint64_t hpa, uint64_t size, bool writable);
/* Point the 4 KiB page at gpa to hpa (RWX), or unmap it when hpa is 0,
 * then flush the guest's G-stage TLB on every hart (may wait for other
 * harts: call with interrupts enabled).  -EEXIST inside a larger page. */
int gstage_remap_page(struct gstage *gs, uint64_t gpa, uint64_t hpa);
/* Flush the guest's G-stage TLB entries on every hart. */
void gstage_flush(struct gstage *gs);
void gstage_hfence_vmid(unsigned int vmid);
/* The host physical address gpa maps to, and whether it is writable;
 * -ENOENT where nothing is mapped. */
int gstage_lookup(struct gstage *gs, uint64_t gpa, uint64_t *hpa, bool *writable);
/* Drop every mapping and table below the root (no TLB flush: the caller
 * fences the VMID where it is live).  Only for tables of one user, such
 * as the shadow G-stage of a nested guest. */
void gstage_unmap_all(struct gstage *gs);

#endif
