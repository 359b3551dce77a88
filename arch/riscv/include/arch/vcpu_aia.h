/*
 * The world-switch side of vCPU interrupt files (arch/riscv/aia/vcpu_aia.c):
 * what vcpu.c and vcpu_exit.c call for a vCPU whose vcpu_arch.aia is set
 * (hardware guest file or emulated), and the SGEI handler of trap.c.
 */
#ifndef ARCH_VCPU_AIA_H
#define ARCH_VCPU_AIA_H

#include <stdbool.h>

struct imsic_state;
struct vcpu;

/* First thing of vcpu_load, on the vCPU's hart with interrupts off: a vCPU
 * whose thread moved re-binds its file to this hart (it may enable
 * interrupts meanwhile, so before anything of the vCPU is loaded); then no
 * wake-up signal while it runs, VGEIN and vsiselect restored. */
void vcpu_aia_load(struct vcpu *v);
/* put: save vsiselect. */
void vcpu_aia_put(struct vcpu *v);
/* After the vCPU's hvip changed, on its hart: an emulated file's VSEIP
 * must also show in vstopi (hvictl). */
void vcpu_aia_sync_hvip(struct vcpu *v);
/* Reset (vCPU's thread): the file emptied. */
void vcpu_aia_reset(struct vcpu *v);
/* The hardware file has an interrupt for the guest (hgeip bit), or the
 * vCPU moved and must reload to find out. */
bool vcpu_aia_pending(struct vcpu *v);
/* Before blocking: let the file's SGEI wake the vCPU. */
void vcpu_aia_arm_wakeup(struct vcpu *v);
/* Virtual-instruction exit with instruction insn: true when it was a
 * guest access to an emulated file's sireg/stopei, now emulated. */
bool vcpu_aia_virtual_insn(struct vcpu *v, unsigned long insn);
/* Release the binding (vCPU destruction). */
void vcpu_aia_release(struct vcpu *v);
/* Supervisor guest external interrupt on this hart. */
void vcpu_aia_handle_sgei(void);
/* (vcpu_aia_file.c) Move the registers of guest file `file` of hart cpu
 * out (the file emptied, its hgeie bit cleared) or in (eip ORed into what
 * is pending).  From any hart; interrupts on unless cpu is this hart. */
void gfile_take(unsigned int cpu, unsigned int file, struct imsic_state *s);
void gfile_give(unsigned int cpu, unsigned int file, const struct imsic_state *s);

#endif
