/*
 * vCPU interrupt files (RISC-V AIA, contracts in vmm/vcpu_aia.h and
 * arch/vcpu_aia.h).  Each AIA vCPU has a struct vcpu_aia: the hart its
 * binding is for, the hardware guest file there (VGEIN, 0 when the
 * emulated file is used) and the emulator's file.  A hardware file's hgeie
 * bit is only set while the vCPU blocks waiting for an interrupt: an SGEI
 * then clears the bit and wakes the owner recorded for (hart, file).  A
 * vCPU whose thread has moved re-binds at its next load: it takes a free
 * file on the new hart (else the emulated one), points the G-stage page
 * at it (or unmaps it, so writes trap to the vIMSIC), and only then moves
 * the old file's registers over, so an MSI that reached the old file in
 * the meantime is carried along.  Trapped sireg/stopei accesses of an
 * emulated vCPU are decoded here and passed to the emulator.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <arch/asm.h>
#include <arch/cpu.h>
#include <arch/gstage_guest.h>
#include <arch/vcpu_aia.h>
#include <arch/vcpu_arch.h>
#include <vmm/guest.h>
#include <vmm/imsic_guest.h>
#include <vmm/spinlock.h>
#include <vmm/vcpu_aia.h>

#define CSR_VSISELECT		0x250
#define CSR_SIREG		0x151
#define CSR_STOPEI		0x15c
#define CSR_HGEIP		0xe12
#define CSR_HVICTL		0x609
/* hvictl IID = 9, IPRIO = 255 while hvip.VSEIP is set, 0 otherwise:
 * without a guest file (VGEIN = 0), QEMU 7.2's vstopi reports the
 * external interrupt only through hvictl, and then whether VSEIP is
 * pending or not (the spec would report VSEIP at priority 256). */
#define HVICTL_EXT		((9UL << 16) | 255)
#define HSTATUS_VGEIN_MASK	(0x3fUL << HSTATUS_VGEIN_SHIFT)
#define OPCODE_SYSTEM		0x73
#define MAX_FILES		64

struct vcpu_aia {
	spinlock_t lock;		/* the backing, against MSIs from other harts */
	uint64_t gpa;			/* the vCPU's IMSIC page */
	unsigned int cpu;		/* hart the binding is for */
	unsigned int vgein;		/* its guest file there, 0: emulated */
	uint64_t file_pa;		/* that file's page */
	unsigned long vsiselect;	/* saved while not loaded */
	const struct vcpu_aia_emul_ops *ops;
	void *efile;
};

static struct vcpu *owner[VMM_MAX_CPUS][MAX_FILES];

static struct vcpu_aia *aia_of(struct vcpu *v)
{
	return ((struct vcpu_arch *)v->arch)->aia;
}

/* A free guest file of hart cpu, or 0. */
static unsigned int alloc_file(unsigned int cpu)
{
	int file = imsic_guest_file_alloc(cpu);

	if (file <= 0)
		return 0;
	if (file >= MAX_FILES) {
		imsic_guest_file_free(cpu, (unsigned int)file);
		return 0;
	}
	return (unsigned int)file;
}

/* From now on, MSIs for v go to file (0: emulated) of hart cpu. */
static void set_backing(struct vcpu *v, unsigned int cpu, unsigned int file)
{
	struct vcpu_aia *x = aia_of(v);
	unsigned long flags;

	spin_lock_irqsave(&x->lock, flags);
	x->cpu = cpu;
	x->vgein = file;
	x->file_pa = file ? imsic_guest_file_addr(cpu, file) : 0;
	if (file)
		owner[cpu][file] = v;
	spin_unlock_irqrestore(&x->lock, flags);
}

int vcpu_aia_attach(struct vcpu *v, uint64_t gpa, const struct vcpu_aia_emul_ops *ops,
		    void *efile)
{
	struct vcpu_arch *a = v->arch;
	unsigned int cpu = v->thread->cpu->id;
	unsigned int file;
	struct vcpu_aia *x;
	int rc;

	if (a->aia)
		return -EEXIST;
	if (!imsic_host_present())
		return -ENODEV;
	x = calloc(1, sizeof(*x));
	if (!x)
		return -ENOMEM;
	spin_lock_init(&x->lock);
	x->gpa = gpa;
	x->ops = ops;
	x->efile = efile;
	file = alloc_file(cpu);
	if (file) {
		rc = gstage_map(v->guest->arch, gpa, imsic_guest_file_addr(cpu, file), 0x1000, true);
		if (rc) {
			imsic_guest_file_free(cpu, file);
			free(x);
			return rc;
		}
	}
	a->aia = x;
	set_backing(v, cpu, file);
	v->isa |= 1ULL << ISA_EXT_SSAIA;
	return 0;
}

unsigned int vcpu_aia_gfile(struct vcpu *v, unsigned int *cpu)
{
	struct vcpu_aia *x = aia_of(v);

	if (!x)
		return 0;
	*cpu = x->cpu;
	return x->vgein;
}

void vcpu_aia_send_msi(struct vcpu *v, unsigned int eiid)
{
	struct vcpu_aia *x = aia_of(v);
	unsigned long flags;

	if (!x)
		return;
	spin_lock_irqsave(&x->lock, flags);
	if (x->vgein)
		*(volatile uint32_t *)(uintptr_t)x->file_pa = eiid;
	else
		x->ops->send_msi(x->efile, eiid);
	spin_unlock_irqrestore(&x->lock, flags);
}

void vcpu_aia_release(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;
	struct vcpu_aia *x = a->aia;

	if (!x)
		return;
	if (x->vgein) {
		struct imsic_state s;

		__atomic_store_n(&owner[x->cpu][x->vgein], NULL, __ATOMIC_RELEASE);
		/* Runs on the file's hart, so an SGEI handler there that read
		 * the old owner has finished; it also empties the file and
		 * clears its hgeie bit for the next user. */
		gfile_take(x->cpu, x->vgein, &s);
		imsic_guest_file_free(x->cpu, x->vgein);
	}
	free(x);
	a->aia = NULL;
	v->isa &= ~(1ULL << ISA_EXT_SSAIA);
}

static void take(struct vcpu_aia *x, struct imsic_state *s)
{
	if (x->vgein)
		gfile_take(x->cpu, x->vgein, s);
	else
		x->ops->take_state(x->efile, s);
}

/* With interrupts on (the moves wait for other harts), so the thread may
 * even move again meanwhile: loop until the binding is for this hart. */
static void rebind(struct vcpu *v)
{
	struct vcpu_aia *x = aia_of(v);
	unsigned long flags = irq_save();
	struct imsic_state s;

	irq_enable();
	while (x->cpu != this_cpu()->id) {
		unsigned int from = x->cpu, old = x->vgein, to = this_cpu()->id;
		unsigned int file = alloc_file(to);

		if (file)
			gfile_take(to, file, &s);	/* a previous user's leftovers */
		set_backing(v, to, file);
		gstage_remap_page(v->guest->arch, x->gpa, x->file_pa);
		if (old) {
			owner[from][old] = NULL;
			gfile_take(from, old, &s);
			imsic_guest_file_free(from, old);
		} else {
			x->ops->take_state(x->efile, &s);
		}
		if (file)
			gfile_give(to, file, &s);
		else
			x->ops->give_state(x->efile, &s);
		if (file)
			printf("INFO: %s: moved to hart %u, IMSIC on its guest interrupt file %u\n",
			       v->name, to, file);
		else
			printf("INFO: %s: moved to hart %u, IMSIC emulated (no free guest "
			       "interrupt file)\n", v->name, to);
	}
	irq_restore(flags);
}

void vcpu_aia_load(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;
	struct vcpu_aia *x = a->aia;

	if (x->cpu != this_cpu()->id)
		rebind(v);
	a->regs.hstatus = (a->regs.hstatus & ~HSTATUS_VGEIN_MASK) |
			  ((unsigned long)x->vgein << HSTATUS_VGEIN_SHIFT);
	if (x->vgein)
		csr_clear(CSR_HGEIE, 1UL << x->vgein);
	else
		csr_write(CSR_HVICTL, a->csrs.hvip & (1UL << IRQ_VS_EXT) ? HVICTL_EXT : 0);
	csr_write(CSR_VSISELECT, x->vsiselect);
}

void vcpu_aia_sync_hvip(struct vcpu *v)
{
	if (!aia_of(v)->vgein)
		csr_write(CSR_HVICTL,
			  csr_read(CSR_HVIP) & (1UL << IRQ_VS_EXT) ? HVICTL_EXT : 0);
}

void vcpu_aia_put(struct vcpu *v)
{
	struct vcpu_aia *x = aia_of(v);

	x->vsiselect = csr_read(CSR_VSISELECT);
	if (!x->vgein)
		csr_write(CSR_HVICTL, 0);
}

void vcpu_aia_reset(struct vcpu *v)
{
	struct vcpu_aia *x = aia_of(v);
	struct imsic_state s;

	x->vsiselect = 0;
	take(x, &s);
}

bool vcpu_aia_pending(struct vcpu *v)
{
	struct vcpu_aia *x = aia_of(v);

	/* Moved: only its next load can tell (and re-bind). */
	if (x->cpu != this_cpu()->id)
		return true;
	return x->vgein && ((csr_read(CSR_HGEIP) >> x->vgein) & 1);
}

void vcpu_aia_arm_wakeup(struct vcpu *v)
{
	struct vcpu_aia *x = aia_of(v);

	if (x->vgein && x->cpu == this_cpu()->id)
		csr_set(CSR_HGEIE, 1UL << x->vgein);
}

bool vcpu_aia_virtual_insn(struct vcpu *v, unsigned long insn)
{
	struct vcpu_arch *a = v->arch;
	struct vcpu_aia *x = a->aia;
	unsigned int csr = (insn >> 20) & 0xfff, f3 = (insn >> 12) & 7;
	unsigned int rd = (insn >> 7) & 31, rs1 = (insn >> 15) & 31;
	unsigned long src, val, new_val = 0, wmask;

	/* csrrw/csrrs/csrrc(i) on sireg or stopei, from VS-mode only. */
	if ((insn & 0x7f) != OPCODE_SYSTEM || !(f3 & 3) || x->vgein ||
	    (csr != CSR_SIREG && csr != CSR_STOPEI) || !(a->regs.sstatus & SSTATUS_SPP))
		return false;
	src = (f3 & 4) ? rs1 : rs1 ? a->regs.x[rs1] : 0;
	if ((f3 & 3) == 1) {
		new_val = src;
		wmask = ~0UL;
	} else {
		new_val = (f3 & 3) == 2 ? ~0UL : 0;
		wmask = src;
	}
	if (x->ops->csr_rmw(x->efile, csr == CSR_STOPEI, csr_read(CSR_VSISELECT), &val, new_val,
			    wmask))
		return false;
	if (rd)
		a->regs.x[rd] = val;
	a->regs.sepc += 4;
	return true;
}

void vcpu_aia_handle_sgei(void)
{
	unsigned int cpu = this_cpu()->id;
	unsigned long pend = csr_read(CSR_HGEIP) & csr_read(CSR_HGEIE);

	csr_clear(CSR_HGEIE, pend);
	while (pend) {
		unsigned int file = (unsigned int)__builtin_ctzl(pend);
		struct vcpu *v = __atomic_load_n(&owner[cpu][file], __ATOMIC_ACQUIRE);

		pend &= pend - 1;
		if (v)
			thread_wake(v->thread);
	}
}
