/*
 * Nested virtualization (arch/riscv/nested/): a vCPU whose configuration
 * opts in sees the H extension and runs its own hypervisor in "virtual
 * HS-mode" (the vCPU's real VS-mode).  These are the only hooks the shared
 * vCPU code calls; everything else about the virtual H state lives under
 * arch/riscv/nested/ (docs/nested.md).
 */
#ifndef ARCH_NESTED_H
#define ARCH_NESTED_H

#include <stdbool.h>

struct vcpu;

/*
 * At vCPU creation: the vCPU gets `h` when its riscv,isa (isa_string)
 * names it and its node has the empty property xvisor,nested-virt; then
 * its virtual H state is allocated.  0, or -ENOMEM.
 */
int nested_vcpu_init(struct vcpu *v, int node, const char *isa_string);
/* Free the virtual H state (nothing if the vCPU has none). */
void nested_vcpu_deinit(struct vcpu *v);
/* Reset the virtual H state to its reset values (nothing without one). */
void nested_vcpu_reset(struct vcpu *v);
/*
 * A virtual-instruction trap of a vCPU with the H extension: emulate the
 * hypervisor CSR access, hfence, HLV/HLVX/HSV or sret in insn.  true when
 * handled (retired, or a fault delivered to the guest); false when it is
 * none of those (the caller treats it as before).
 */
bool nested_virtual_insn(struct vcpu *v, unsigned long insn);
/* A trap is delivered to the guest hypervisor (it was in virtual HS-mode):
 * the virtual hstatus records it as taken from V=0 (SPV=0, GVA=gva). */
void nested_trap_taken(struct vcpu *v, bool gva);

#endif
