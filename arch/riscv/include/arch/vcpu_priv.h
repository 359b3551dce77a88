/*
 * Internal interfaces between the RISC-V vCPU files: entering and leaving
 * the hart's VS state, exit handling, the timer and trap redirection.
 */
#ifndef ARCH_VCPU_PRIV_H
#define ARCH_VCPU_PRIV_H

#include <stdbool.h>
#include <arch/cpu.h>
#include <arch/vcpu_arch.h>

/* Put the vCPU's VS-level state on this hart / save it back. */
void vcpu_load(struct vcpu *v);
void vcpu_put(struct vcpu *v);
/* Handle the trap the guest just returned with. */
void vcpu_handle_exit(struct vcpu *v);
/* The same for an exception (not a host interrupt) of the guest's own code. */
void vcpu_guest_exit(struct vcpu *v);
/* Deliver an exception to the guest as if the hardware had. */
void vcpu_redirect_trap(struct vcpu *v, unsigned long cause, unsigned long tval);
/* Whether the vCPU's timer is its own vstimecmp (it has Sstc). */
static inline bool vcpu_uses_sstc(struct vcpu *v)
{
	return (v->isa >> ISA_EXT_SSTC) & 1;
}
/* Before blocking: arm a host timer that wakes v at its guest deadline. */
void vcpu_timer_arm_wakeup(struct vcpu *v);
void vcpu_timer_stop_wakeup(struct vcpu *v);
bool vcpu_has_pending_irq(struct vcpu *v);

void vcpu_fp_save(uint64_t *fp, unsigned long *fcsr);
void vcpu_fp_restore(const uint64_t *fp, const unsigned long *fcsr);
unsigned long vcpu_read_insn(unsigned long gva, int *fault);

#endif
