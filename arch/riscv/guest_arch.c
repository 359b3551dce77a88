/*
 * The RISC-V part of a guest: its G-stage translation, and the mapping of
 * host-backed regions into it (RAM read-write-execute, ROM read-execute).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <arch/gstage.h>
#include <arch/gstage_guest.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>

int arch_guest_init(struct guest *g)
{
	struct gstage *gs = calloc(1, sizeof(*gs));
	int rc;

	if (!gs)
		return -ENOMEM;
	rc = gstage_create(gs);
	if (rc) {
		printf("Error: %s: cannot create G-stage translation (%s)\n", g->name,
		       rc == -ENODEV ? "the host has no H-extension G-stage" : "out of memory");
		free(gs);
		return rc;
	}
	g->arch = gs;
	return 0;
}

void arch_guest_deinit(struct guest *g)
{
	if (!g->arch)
		return;
	gstage_destroy(g->arch);
	free(g->arch);
	g->arch = NULL;
}

unsigned int arch_guest_gpa_bits(void)
{
	return gstage_gpa_bits();
}

int arch_guest_map_region(struct guest *g, struct guest_region *r)
{
	for (unsigned int i = 0; i < r->nchunks; i++) {
		const struct region_chunk *c = &r->chunks[i];
		int rc = gstage_map(g->arch, r->gpa + c->off, c->hpa, c->size, r->kind == REGION_RAM);

		if (rc) {
			printf("Error: %s: cannot map it in the G-stage (error %d)\n", r->node_path, rc);
			return rc;
		}
	}
	return 0;
}
