/*
 * vCPU guest interrupt files (RISC-V AIA, contract in vmm/vcpu_aia.h and
 * arch/vcpu_aia.h).  A vCPU attached to a hardware guest file keeps its
 * number in vcpu_arch.vgein and its page in gfile_pa.  The file's hgeie
 * bit is only set while the vCPU blocks waiting for an interrupt: an SGEI
 * then clears the bit and wakes the owner recorded for (hart, file).
 * While the vCPU runs, VGEIN makes the hardware raise VSEIP directly, so
 * the guest takes its interrupts with no exit.  vsiselect is the only
 * extra VS CSR to switch; the file itself stays with its hart.
 */
#include <errno.h>
#include <arch/asm.h>
#include <arch/cpu.h>
#include <arch/gstage_guest.h>
#include <arch/vcpu_aia.h>
#include <arch/vcpu_arch.h>
#include <vmm/guest.h>
#include <vmm/imsic_guest.h>
#include <vmm/vcpu_aia.h>

#define CSR_VSISELECT		0x250
#define CSR_VSIREG		0x251
#define CSR_HGEIP		0xe12
#define HSTATUS_VGEIN_MASK	(0x3fUL << HSTATUS_VGEIN_SHIFT)
#define IMSIC_EIDELIVERY	0x70
#define IMSIC_EITHRESHOLD	0x72
#define IMSIC_EIP0		0x80
#define IMSIC_EIE0		0xc0
#define MAX_FILES		64

static struct vcpu *owner[VMM_MAX_CPUS][MAX_FILES];

int vcpu_aia_attach(struct vcpu *v, uint64_t gpa)
{
	struct vcpu_arch *a = v->arch;
	unsigned int cpu = v->thread->cpu->id;
	int file, rc;

	if (a->vgein)
		return -EEXIST;
	file = imsic_guest_file_alloc(cpu);
	if (file < 0)
		return file;
	if (file >= MAX_FILES) {
		imsic_guest_file_free(cpu, (unsigned int)file);
		return -ENOSPC;
	}
	a->gfile_pa = imsic_guest_file_addr(cpu, (unsigned int)file);
	rc = gstage_map(v->guest->arch, gpa, a->gfile_pa, 0x1000, true);
	if (rc) {
		imsic_guest_file_free(cpu, (unsigned int)file);
		return rc;
	}
	a->gfile_cpu = cpu;
	owner[cpu][file] = v;
	a->vgein = (unsigned int)file;
	v->isa |= 1ULL << ISA_EXT_SSAIA;
	return 0;
}

bool vcpu_aia_attached(struct vcpu *v)
{
	return ((struct vcpu_arch *)v->arch)->vgein != 0;
}

void vcpu_aia_send_msi(struct vcpu *v, unsigned int eiid)
{
	struct vcpu_arch *a = v->arch;

	if (a->vgein)
		*(volatile uint32_t *)(uintptr_t)a->gfile_pa = eiid;
}

void vcpu_aia_release(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (!a->vgein)
		return;
	owner[a->gfile_cpu][a->vgein] = NULL;
	imsic_guest_file_free(a->gfile_cpu, a->vgein);
	a->vgein = 0;
	v->isa &= ~(1ULL << ISA_EXT_SSAIA);
}

void vcpu_aia_load(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	csr_clear(CSR_HGEIE, 1UL << a->vgein);
	csr_write(CSR_VSISELECT, a->vsiselect);
}

void vcpu_aia_put(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	a->vsiselect = csr_read(CSR_VSISELECT);
}

static void file_write(unsigned long reg, unsigned long val)
{
	csr_write(CSR_VSISELECT, reg);
	csr_write(CSR_VSIREG, val);
}

void vcpu_aia_reset(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;
	unsigned long hstatus = csr_read(CSR_HSTATUS);

	a->regs.hstatus = (a->regs.hstatus & ~HSTATUS_VGEIN_MASK) |
			  ((unsigned long)a->vgein << HSTATUS_VGEIN_SHIFT);
	a->vsiselect = 0;
	/* HS-mode reaches the guest file through vsiselect/vsireg. */
	csr_write(CSR_HSTATUS, (hstatus & ~HSTATUS_VGEIN_MASK) |
			       ((unsigned long)a->vgein << HSTATUS_VGEIN_SHIFT));
	file_write(IMSIC_EIDELIVERY, 0);
	file_write(IMSIC_EITHRESHOLD, 0);
	/* On RV64 only the even eip/eie registers exist, 64 identities each. */
	for (unsigned long i = 0; i <= imsic_guest_file_ids() / 64; i++) {
		file_write(IMSIC_EIP0 + 2 * i, 0);
		file_write(IMSIC_EIE0 + 2 * i, 0);
	}
	csr_write(CSR_HSTATUS, hstatus);
}

bool vcpu_aia_pending(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	return (csr_read(CSR_HGEIP) >> a->vgein) & 1;
}

void vcpu_aia_arm_wakeup(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	csr_set(CSR_HGEIE, 1UL << a->vgein);
}

void vcpu_aia_handle_sgei(void)
{
	unsigned int cpu = this_cpu()->id;
	unsigned long pend = csr_read(CSR_HGEIP) & csr_read(CSR_HGEIE);

	csr_clear(CSR_HGEIE, pend);
	while (pend) {
		unsigned int file = (unsigned int)__builtin_ctzl(pend);
		struct vcpu *v = owner[cpu][file];

		pend &= pend - 1;
		if (v)
			thread_wake(v->thread);
	}
}
