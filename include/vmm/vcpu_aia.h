/*
 * AIA interrupt files of vCPUs (RISC-V), for the vIMSIC and vAPLIC
 * emulators.  vcpu_aia_attach() backs a vCPU's IMSIC with a hardware
 * guest interrupt file of the host hart its thread runs on: the file's
 * page is mapped in the guest's G-stage at gpa (so the guest's own MSI
 * writes, IPIs included, go straight to hardware), and the vCPU's
 * hstatus.VGEIN selects the file, so the guest's siselect/sireg/stopei
 * reach it without traps and it raises VSEIP by itself.  While the vCPU
 * waits for an interrupt, the file's hgeie bit is set and the hart's
 * SGEI wakes it.  The vCPU then advertises Ssaia (vendor SBI ISA_EXT).
 * Attach a stopped vCPU (its next reset picks up the binding); the
 * binding is released when the vCPU is destroyed.
 */
#ifndef VMM_VCPU_AIA_H
#define VMM_VCPU_AIA_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* 0, or -ENODEV (host has no guest interrupt files), -ENOSPC (all of the
 * hart's files in use), -EEXIST (already attached), -ENOMEM. */
int vcpu_aia_attach(struct vcpu *v, uint64_t gpa);
bool vcpu_aia_attached(struct vcpu *v);
/* Make identity eiid pending in v's interrupt file (from any hart). */
void vcpu_aia_send_msi(struct vcpu *v, unsigned int eiid);

#endif
