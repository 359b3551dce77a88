/*
 * The world-switch side of vCPU guest interrupt files (arch/riscv/
 * vcpu_aia.c): what vcpu.c calls at load/put/reset/wait time for a vCPU
 * whose vcpu_arch.vgein is non-zero, and the SGEI handler of trap.c.
 */
#ifndef ARCH_VCPU_AIA_H
#define ARCH_VCPU_AIA_H

#include <stdbool.h>

struct vcpu;

/* On the vCPU's hart.  load: no wake-up signal while it runs; restore
 * vsiselect.  put: save vsiselect. */
void vcpu_aia_load(struct vcpu *v);
void vcpu_aia_put(struct vcpu *v);
/* Reset: VGEIN into the saved hstatus, the guest file emptied. */
void vcpu_aia_reset(struct vcpu *v);
/* The file has an interrupt for the guest (hgeip bit). */
bool vcpu_aia_pending(struct vcpu *v);
/* Before blocking: let the file's SGEI wake the vCPU. */
void vcpu_aia_arm_wakeup(struct vcpu *v);
/* Release the file (vCPU destruction). */
void vcpu_aia_release(struct vcpu *v);
/* Supervisor guest external interrupt on this hart. */
void vcpu_aia_handle_sgei(void);

#endif
