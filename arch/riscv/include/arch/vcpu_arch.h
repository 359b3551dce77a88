/*
 * The RISC-V part of a vCPU: the world-switch register block, the VS-level
 * CSRs that must be saved when another vCPU uses the hart, the guest's
 * floating-point and vector state (saved lazily), and the SBI-visible state.
 */
#ifndef ARCH_VCPU_ARCH_H
#define ARCH_VCPU_ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/asm.h>
#include <arch/insn_decode.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_regs.h>
#include <vmm/vcpu.h>

struct vcpu_aia;
struct nested;
struct vcpu_vector;

/*
 * Requests to a vCPU: any thread sets bits in its request word, then
 * kicks it (arch_vcpu_kick); the vCPU does them before it next runs guest
 * code.  Its entry path publishes in_guest, then checks the word again,
 * so a request is either seen there or kicks the guest out.
 */
#define VCPU_REQ_VVMA		(1UL << 0)	/* hfence.vvma for the guest's VMID */
#define VCPU_REQ_FENCE_I	(1UL << 1)	/* fence.i */
#define VCPU_REQ_NESTED		(1UL << 2)	/* look at the nested guest's state (nested/) */
#define VCPU_NO_CPU		(~0U)

/* The VS-mode CSRs a world switch moves between the hart and memory (the
 * vCPU's, or a guest hypervisor's while its nested guest runs). */
struct vs_csrs {
	unsigned long vsstatus, vsie, vstvec, vsscratch, vsepc, vscause, vstval, vsatp;
};

static inline void vs_csrs_save(struct vs_csrs *c)
{
	c->vsstatus = csr_read(CSR_VSSTATUS);
	c->vsie = csr_read(CSR_VSIE);
	c->vstvec = csr_read(CSR_VSTVEC);
	c->vsscratch = csr_read(CSR_VSSCRATCH);
	c->vsepc = csr_read(CSR_VSEPC);
	c->vscause = csr_read(CSR_VSCAUSE);
	c->vstval = csr_read(CSR_VSTVAL);
	c->vsatp = csr_read(CSR_VSATP);
}

static inline void vs_csrs_restore(const struct vs_csrs *c)
{
	csr_write(CSR_VSSTATUS, c->vsstatus);
	csr_write(CSR_VSIE, c->vsie);
	csr_write(CSR_VSTVEC, c->vstvec);
	csr_write(CSR_VSSCRATCH, c->vsscratch);
	csr_write(CSR_VSEPC, c->vsepc);
	csr_write(CSR_VSCAUSE, c->vscause);
	csr_write(CSR_VSTVAL, c->vstval);
	csr_write(CSR_VSATP, c->vsatp);
}

struct vcpu_csrs {
	struct vs_csrs vs;
	unsigned long hvip, henvcfg, vstimecmp;
	/* Not banked for VS-mode: a guest writes the hart's own. */
	unsigned long scounteren, senvcfg;
};

struct vcpu_arch {
	struct vcpu_regs regs;		/* must stay first: used by assembly */
	struct vcpu_csrs csrs;
	uint64_t fp[32];
	unsigned long fcsr;
	uint64_t timer_deadline;	/* SBI TIME / vstimecmp, guest time */
	uint64_t entry_time;		/* host time of the last guest entry */
	bool fp_dirty;			/* guest FP registers changed since saved */
	bool vec_dirty;			/* guest vector state changed since saved */
	struct vcpu_vector *vec;	/* vector state (vcpu_vector.c), NULL: no V */
	bool loaded;			/* VS state is on the hart */
	unsigned long requests;		/* VCPU_REQ_* bits, done before entry */
	unsigned int last_cpu;		/* hart it last ran on, VCPU_NO_CPU: none */
	struct timer_event wakeup;	/* wakes a blocked Sstc vCPU */
	/* The last MMIO exit (vcpu_exit.c): its emulated region and that
	 * region's index in the guest's, and the last instruction decoded
	 * (~0: none) with its decoding. */
	struct guest_region *mmio_last;
	unsigned int mmio_last_index;
	unsigned long mmio_insn_key;
	struct mmio_insn mmio_insn;
	struct vcpu_aia *aia;		/* AIA interrupt file (vcpu_aia.c), NULL: none */
	struct nested *nested;		/* virtual H state (nested/), NULL: no H */
	struct sbi_vcpu sbi;		/* SBI server state (arch/sbi_server.h) */
};

static inline struct vcpu_arch *vcpu_arch(struct vcpu *v)
{
	return v->arch;
}

/* Count one SBI PMU firmware event for v (any hart; inline, as every
 * SBI call counts one). */
static inline void sbi_pmu_fw_count(struct vcpu *v, unsigned int event)
{
	__atomic_fetch_add(&vcpu_arch(v)->sbi.pmu.raw[event], 1, __ATOMIC_RELAXED);
}

/* Guest time (the guest's `time` CSR value) now. */
uint64_t vcpu_guest_time(struct vcpu *v);
/* SBI TIME set_timer: program the vCPU's timer for a guest-time deadline
 * and clear its pending timer interrupt; UINT64_MAX disarms it.  Called
 * by v's own thread while its state is on the hart (its SBI call). */
void vcpu_timer_set(struct vcpu *v, uint64_t deadline);
/* Make v flush its VS-stage TLB (hfence.vvma for the guest's VMID) and,
 * if fence_i, its instruction cache, before it next runs guest code.  On
 * return the flush is done or v will do it before it runs guest code
 * again: a v inside the guest on another hart is kicked out, and waited
 * for until it has left (the kick's interrupt cannot be masked in the
 * guest, so the wait is as short as the IPI). */
void vcpu_request_flush(struct vcpu *v, bool fence_i);

#endif
