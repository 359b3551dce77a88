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
/* A trap is delivered to the vCPU's VS-mode: while the guest hypervisor
 * runs, its virtual hstatus records it as taken from V=0 (SPV=0,
 * GVA=gva); while the nested guest runs, the trap is the nested guest's. */
void nested_trap_taken(struct vcpu *v, bool gva);

/*
 * While the nested guest runs (virtual V=1):
 * nested_handle_exit: every exit of a vCPU with H but host interrupts:
 *   handled here while the nested guest runs, else by vcpu_guest_exit().
 * nested_post_irqs: interrupts posted to the vCPU (hvip bits set/clear)
 *   are the guest hypervisor's; true if taken (false: put them in hvip).
 * nested_before_entry: before an entry that follows something posted to
 *   the vCPU (interrupts, requests), with the vCPU loaded; ends the nested
 *   run with an interrupt the guest hypervisor takes.
 * nested_put / nested_load: from vcpu_put / the end of vcpu_load, give the
 *   hart its own state back (hgatp, htimedelta, henvcfg, delegation) and
 *   put the nested run's on it again.
 */
/*
 * For SBI NACL (the guest hypervisor, running): read (or write, with the
 * CSR's WARL rules) its hypervisor or VS CSR num as a CSR instruction of
 * it would; -EINVAL if num is none of those or a write to a read-only one.
 * nested_hfence: its hfence.gvma (gvma) or hfence.vvma, whole.
 */
int nested_csr(struct vcpu *v, unsigned int num, unsigned long *val, bool write);
void nested_hfence(struct vcpu *v, bool gvma);

void nested_handle_exit(struct vcpu *v);
bool nested_post_irqs(struct vcpu *v, unsigned long set, unsigned long clear);
void nested_before_entry(struct vcpu *v);
void nested_put(struct vcpu *v);
void nested_load(struct vcpu *v);

#endif
