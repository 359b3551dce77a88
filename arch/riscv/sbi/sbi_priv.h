/*
 * Private helpers shared by the SBI server's extension files
 * (arch/riscv/sbi_*.c).  The first half is pure logic with no CSR or vCPU
 * access, so it also builds in host unit tests (which reach this header by
 * a relative path); the second half needs the vCPU core.  Error values are
 * the SBI spec's codes from arch/sbi.h unless a comment says errno.
 */
#ifndef ARCH_RISCV_SBI_PRIV_H
#define ARCH_RISCV_SBI_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include "../include/arch/sbi.h"

struct vcpu;
struct sbi_ret;

/* hart_mask_base value that names every hart and ignores hart_mask. */
#define SBI_HARTMASK_ALL	(~0UL)

/*
 * Visit the hart ids named by an SBI (hart_mask, hart_mask_base) pair,
 * among harts 0..nharts-1, in increasing order.  Every named id is checked
 * first: if one is >= nharts (or base + bit overflows) nothing is visited
 * and -EINVAL (errno) is returned; otherwise fn runs for each and 0 is
 * returned.  A zero mask names no hart.
 */
int sbi_hartmask_for_each(unsigned long mask, unsigned long base, unsigned long nharts,
			  void (*fn)(unsigned long hartid, void *arg), void *arg);

/* SRST system_reset(type, reason), 32-bit values (upper register bits
 * ignored): SBI_SUCCESS for the types (0 shutdown, 1 cold, 2 warm reboot)
 * and reasons (0 none, 1 failure) we implement, else SBI_ERR_INVALID_PARAM
 * (reserved or unimplemented vendor values). */
long sbi_srst_check(unsigned long type, unsigned long reason);

/* HSM hart_suspend types. */
#define SBI_HSM_SUSPEND_RET_DEFAULT	0x00000000UL
#define SBI_HSM_SUSPEND_NONRET_DEFAULT	0x80000000UL

/* HSM hart_suspend(type), a 32-bit value (upper register bits ignored):
 * SBI_SUCCESS for the default retentive and non-retentive types
 * (*retentive tells which), SBI_ERR_INVALID_PARAM for reserved and
 * platform-specific (unimplemented) types. */
long sbi_hsm_suspend_check(unsigned long type, bool *retentive);

/*
 * Target-build helpers (sbi_server.c).  sbi_for_each_target() runs fn on
 * every vCPU of v's guest named by (mask, base) and returns SBI_SUCCESS or
 * SBI_ERR_INVALID_PARAM (a named hart is not a vCPU of the guest: nothing
 * is done).  sbi_addr_is_memory() tells whether a guest physical address
 * lies in guest RAM or ROM.
 */
long sbi_for_each_target(struct vcpu *v, unsigned long mask, unsigned long base,
			 void (*fn)(struct vcpu *target, void *arg), void *arg);
bool sbi_addr_is_memory(struct vcpu *v, uint64_t gpa);

/*
 * Non-retentive suspend of the calling vCPU (HSM, SUSP): sleep until an
 * interrupt is pending, then continue at addr in VS-mode with a0 = hart
 * id, a1 = opaque, satp = 0 and sstatus.SIE = 0; everything else,
 * pending interrupts and the timer included, stays as it was.  Always
 * sets ret->skip_writeback.  If the sleep ends because the vCPU was
 * paused, reset or halted instead, the ecall is left unexecuted for that
 * new state to resolve (a resumed vCPU simply suspends again).
 */
void sbi_suspend_resume_at(struct vcpu *v, uint64_t addr, uint64_t opaque,
			   struct sbi_ret *ret);

/* A remote fence: who sends it and its PMU firmware event (*_SENT; the
 * target counts *_RCVD, the next event). */
struct sbi_fence_req {
	struct vcpu *from;
	unsigned int sent_event;
};

/* sbi_for_each_target() actions shared with the legacy calls: raise VSSIP,
 * from the vCPU `from` (sbi_ext_ipi.c); flush the VS-stage TLB, and the
 * instruction cache for fence.i, for the struct sbi_fence_req `req`
 * (sbi_ext_rfence.c).  Both count PMU firmware events on both sides. */
void sbi_ipi_raise(struct vcpu *target, void *from);
void sbi_rfence_flush(struct vcpu *target, void *req);

#endif
