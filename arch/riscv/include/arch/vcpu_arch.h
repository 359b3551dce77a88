/*
 * The RISC-V part of a vCPU: the world-switch register block, the VS-level
 * CSRs that must be saved when another vCPU uses the hart, the guest's
 * floating-point and vector state (saved lazily), and the SBI-visible state.
 */
#ifndef ARCH_VCPU_ARCH_H
#define ARCH_VCPU_ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/vcpu_regs.h>
#include <vmm/vcpu.h>

struct vcpu_aia;
struct vcpu_vector;

struct vcpu_csrs {
	unsigned long vsstatus, vsie, vstvec, vsscratch, vsepc, vscause, vstval, vsatp;
	unsigned long hvip, henvcfg, vstimecmp;
};

struct vcpu_arch {
	struct vcpu_regs regs;		/* must stay first: used by assembly */
	struct vcpu_csrs csrs;
	uint64_t fp[32];
	unsigned long fcsr;
	uint64_t timer_deadline;	/* SBI TIME / vstimecmp, guest time */
	bool fp_dirty;			/* guest FP registers changed since saved */
	bool vec_dirty;			/* guest vector state changed since saved */
	struct vcpu_vector *vec;	/* vector state (vcpu_vector.c), NULL: no V */
	bool loaded;			/* VS state is on the hart */
	volatile bool flush_vvma;	/* requested hfence.vvma before entry */
	volatile bool flush_icache;	/* requested fence.i before entry */
	struct timer_event wakeup;	/* wakes a blocked Sstc vCPU */
	struct vcpu_aia *aia;		/* AIA interrupt file (vcpu_aia.c), NULL: none */
};

static inline struct vcpu_arch *vcpu_arch(struct vcpu *v)
{
	return v->arch;
}

/* Guest time (the guest's `time` CSR value) now. */
uint64_t vcpu_guest_time(struct vcpu *v);
/* SBI TIME set_timer: program the vCPU's timer for a guest-time deadline
 * and clear its pending timer interrupt; UINT64_MAX disarms it. */
void vcpu_timer_set(struct vcpu *v, uint64_t deadline);
/* Make v flush its VS-stage TLB (hfence.vvma for the guest's VMID) and,
 * if fence_i, its instruction cache, before it next runs guest code; waits
 * while v is inside the guest on another hart. */
void vcpu_request_flush(struct vcpu *v, bool fence_i);

#endif
