/*
 * Guest-manager internals shared by core/guest*.c and the architecture's
 * guest set-up: region backing chunks, configuration parsing, and the
 * architecture hooks a guest and its vCPUs need.
 */
#ifndef VMM_GUEST_INTERNAL_H
#define VMM_GUEST_INTERNAL_H

#include <stdint.h>
#include <vmm/guest.h>
#include <vmm/vcpu.h>

struct region_chunk {
	uint64_t off;	/* offset inside the region */
	uint64_t hpa;
	uint64_t size;
	unsigned int order;
};

int region_alloc_chunks(struct guest_region *r, unsigned int align_order);
int region_set_backing(struct guest_region *r, uint64_t hpa);
void region_free_backing(struct guest_region *r);

/* core/guest/guest_config.c: build regions and vCPUs from /guests/<name>. */
int guest_config_regions(struct guest *g);
int guest_config_vcpus(struct guest *g);
/* Probe the emulators of the virtual regions (after the vCPUs exist). */
int guest_config_emulators(struct guest *g);
/* Remove the emulators (interrupt controllers last); then free backing. */
void guest_remove_emulators(struct guest *g);
void guest_release_regions(struct guest *g);

/* core/guest/vcpu.c */
struct vcpu *vcpu_create(struct guest *g, unsigned int index, const char *node_path);
/* Ask v's thread to end; true once it has ended and is off every hart. */
bool vcpu_stop(struct vcpu *v);
/* Free a vCPU that vcpu_stop() reported stopped. */
void vcpu_destroy(struct vcpu *v);
/* Put the vCPU back to its reset state and, if start, let it run. */
void vcpu_reset_and_start(struct vcpu *v, bool start);

/* Provided by the architecture. */
int arch_guest_init(struct guest *g);
void arch_guest_deinit(struct guest *g);
int arch_guest_map_region(struct guest *g, struct guest_region *r);
/* Guest physical addresses the G-stage translates: [0, 1 << bits). */
unsigned int arch_guest_gpa_bits(void);
int arch_vcpu_init(struct vcpu *v, int node);
void arch_vcpu_deinit(struct vcpu *v);
void arch_vcpu_reset_regs(struct vcpu *v, uint64_t pc, uint64_t a0, uint64_t a1);
/* Thread body of a vCPU: runs the guest while v->state is RUNNING. */
void arch_vcpu_run_loop(struct vcpu *v);
/* Make v notice a new request or interrupt soon (IPI if in the guest). */
void arch_vcpu_kick(struct vcpu *v);
void arch_vcpu_dump_regs(struct vcpu *v);
/* Print the architecture's lines of `vcpu dumpstat` (SBI calls by extension). */
void arch_vcpu_dump_stats(struct vcpu *v);

#endif
