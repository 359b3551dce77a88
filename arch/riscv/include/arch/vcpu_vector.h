/*
 * The guest's vector state (the V extension): v0-v31 and the vector CSRs
 * of a vCPU, kept in memory while the vCPU is off the hart.  The state is
 * restored on every vcpu_load() and saved on vcpu_put() only when the
 * guest dirtied it (sstatus.VS == Dirty at an exit), like the FP state.
 * A guest sees the host's VLEN; the hypervisor never uses vector
 * registers itself (only the save/restore assembly touches them).
 */
#ifndef ARCH_VCPU_VECTOR_H
#define ARCH_VCPU_VECTOR_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* The memory image save/restore work on; offsets shared with assembly. */
struct vcpu_vector {
	unsigned long vstart, vl, vtype, vcsr;
	uint8_t regs[];			/* v0..v31, vlenb bytes each */
};

/* The host's vlenb (bytes per vector register); 0 when it has no V. */
extern unsigned long host_vlenb;

/* On the boot hart: read vlenb when the host has V. */
void vector_probe(void);
/* Whether v has the V extension (its ISA set includes 'v'). */
bool vcpu_has_vector(struct vcpu *v);
/* Allocate v's vector state when it has V: 0 or -ENOMEM. */
int vcpu_vector_init(struct vcpu *v);
void vcpu_vector_deinit(struct vcpu *v);
/* Architectural reset: all registers zero, vtype.vill set, vl 0. */
void vcpu_vector_reset(struct vcpu *v);
/* Put v's vector state on this hart / save it back if the guest dirtied it. */
void vcpu_vector_load(struct vcpu *v);
void vcpu_vector_put(struct vcpu *v);
/* Print the saved vector CSRs and registers (vcpu dumpreg). */
void vcpu_vector_dump(struct vcpu *v);

/* Assembly (vcpu_vector_unpriv.S); each turns sstatus.VS on. */
unsigned long vector_read_vlenb(void);
void vector_save(struct vcpu_vector *vs);
void vector_restore(const struct vcpu_vector *vs);

#endif
