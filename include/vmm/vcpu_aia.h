/*
 * AIA interrupt files of vCPUs (RISC-V), for the vIMSIC and vAPLIC
 * emulators.  vcpu_aia_attach() gives a vCPU an IMSIC interrupt file at
 * guest physical page gpa, backed by a hardware guest interrupt file of
 * the host hart its thread runs on when one is free, emulated otherwise:
 *  - hardware: the file's page is mapped in the guest's G-stage at gpa (the
 *    guest's own MSI writes, IPIs included, go straight to hardware) and
 *    hstatus.VGEIN selects the file, so the guest's siselect/sireg/stopei
 *    reach it without traps and it raises VSEIP by itself.  While the vCPU
 *    waits for an interrupt, the file's hgeie bit is set and the hart's
 *    SGEI wakes it.
 *  - emulated: VGEIN is 0 and gpa is left unmapped, so the guest's sireg
 *    accesses to IMSIC registers and stopei accesses trap (virtual
 *    instruction) and go to ops->csr_rmw, its page writes trap to the
 *    vIMSIC region, and the emulator raises VSEIP with vcpu_irq_assert().
 * A vCPU whose thread moved to another hart is re-bound at its next load:
 * a free file on the new hart, else emulation; pending state moves with it.
 * The vCPU then advertises Ssaia (vendor SBI ISA_EXT).  Attach a stopped
 * vCPU (its next reset picks up the binding); the binding is released when
 * the vCPU is destroyed (the emulated file stays the caller's).
 */
#ifndef VMM_VCPU_AIA_H
#define VMM_VCPU_AIA_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* IMSIC register numbers (siselect values) and the largest file. */
#define IMSIC_EIDELIVERY	0x70
#define IMSIC_EITHRESHOLD	0x72
#define IMSIC_EIP0		0x80
#define IMSIC_EIE0		0xc0
#define IMSIC_MAX_IDS		2047
#define IMSIC_WORDS		((IMSIC_MAX_IDS + 1) / 64)

/* Everything an interrupt file holds (bit n of eip/eie is identity n). */
struct imsic_state {
	uint32_t eidelivery, eithreshold;
	uint64_t eip[IMSIC_WORDS], eie[IMSIC_WORDS];
};

/* An emulated file, implemented by the vIMSIC.  All may run on any hart. */
struct vcpu_aia_emul_ops {
	/* The guest read-modify-wrote sireg (topei false; isel = its
	 * siselect) or stopei (topei true): store the old value in *val and
	 * replace the bits of wmask with new_val (wmask 0: read only).
	 * -EINVAL makes it an illegal instruction for the guest. */
	int (*csr_rmw)(void *file, bool topei, unsigned long isel, unsigned long *val,
		       unsigned long new_val, unsigned long wmask);
	/* Make identity eiid pending. */
	void (*send_msi)(void *file, unsigned int eiid);
	/* Move the whole state out (the file is left empty), or in (eip is
	 * ORed with what is already pending, the rest replaced). */
	void (*take_state)(void *file, struct imsic_state *s);
	void (*give_state)(void *file, const struct imsic_state *s);
};

/* 0 (hardware file or emulated), or -EEXIST (already attached), -ENOMEM,
 * -ENODEV (the host has no AIA CSRs: no S-level IMSIC). */
int vcpu_aia_attach(struct vcpu *v, uint64_t gpa, const struct vcpu_aia_emul_ops *ops,
		    void *file);
/* The hardware guest file number (0: emulated) and its hart (*cpu). */
unsigned int vcpu_aia_gfile(struct vcpu *v, unsigned int *cpu);
/* Make identity eiid pending in v's interrupt file (from any hart). */
void vcpu_aia_send_msi(struct vcpu *v, unsigned int eiid);

#endif
