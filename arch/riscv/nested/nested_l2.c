/*
 * Running the nested guest (virtual V=1).  The guest hypervisor's sret
 * with its hstatus.SPV set (trapped by hstatus.VTSR) puts its own
 * supervisor CSRs aside and the nested guest's VS CSRs on the hart, with
 * the shadow G-stage as hgatp, its htimedelta added, its henvcfg, and hedeleg/hideleg
 * narrowed to what the guest hypervisor delegates; the vCPU then runs the
 * nested guest in real VS/VU-mode.  Its exits come here: guest-page faults
 * fill the shadow G-stage or become the guest hypervisor's; its ecalls,
 * virtual instructions and the exceptions the guest hypervisor keeps are
 * traps to the guest hypervisor, taken as from V=1 (scause, sepc, stval,
 * htval, htinst, hstatus.SPV/SPVP/GVA) as the privileged spec says.  An
 * interrupt for the guest hypervisor (posted by us, its stimecmp, a VS
 * interrupt it did not delegate) that it enabled ends the nested run too.
 */
#include <arch/insn_decode.h>
#include <arch/nested.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>
#include <vmm/smp.h>
#include "nested_priv.h"

#define VS_IRQS		((1UL << IRQ_VS_SOFT) | (1UL << IRQ_VS_TIMER) | (1UL << IRQ_VS_EXT))
#define S_IRQS		(VS_IRQS >> 1)
#define INSN_WFI	0x10500073UL
#define EXC_VIRTUAL	22
#define EXC_STORE_GPF	23

static void l1_save(struct vcpu *v)
{
	struct nested *n = nested_of(v);

	vs_csrs_save(&n->l1.vs);
	n->l1.hvip = csr_read(CSR_HVIP);
	if (vcpu_uses_sstc(v))
		n->l1.vstimecmp = csr_read(CSR_VSTIMECMP);
}

static void l1_restore(struct vcpu *v)
{
	struct nested *n = nested_of(v);

	vs_csrs_restore(&n->l1.vs);
	/* vstimecmp first: writing it recomputes (may clear) hvip.VSTIP. */
	if (vcpu_uses_sstc(v))
		csr_write(CSR_VSTIMECMP, n->l1.vstimecmp);
	csr_write(CSR_HVIP, n->l1.hvip);
}

/* The nested guest's VS CSRs onto the hart; its vsie/vsip are the
 * delegated hie/hvip bits, one lower. */
static void l2_load(struct vcpu *v)
{
	struct nested *n = nested_of(v);
	unsigned long deleg = n->hideleg & VS_IRQS;

	csr_write(CSR_VSSTATUS, n->vsstatus);
	csr_write(CSR_VSIE, (n->hie & deleg) >> 1);
	csr_write(CSR_VSTVEC, n->vstvec);
	csr_write(CSR_VSSCRATCH, n->vsscratch);
	csr_write(CSR_VSEPC, n->vsepc);
	csr_write(CSR_VSCAUSE, n->vscause);
	csr_write(CSR_VSTVAL, n->vstval);
	csr_write(CSR_VSATP, n->vsatp);
	if (vcpu_uses_sstc(v))
		csr_write(CSR_VSTIMECMP, n->vstimecmp);
	csr_write(CSR_HVIP, n->hvip & deleg);
}

static void l2_save(struct vcpu *v)
{
	struct nested *n = nested_of(v);
	unsigned long deleg = n->hideleg & VS_IRQS;

	n->vsstatus = csr_read(CSR_VSSTATUS);
	n->hie = (n->hie & ~deleg) | ((csr_read(CSR_VSIE) << 1) & deleg);
	n->vstvec = csr_read(CSR_VSTVEC);
	n->vsscratch = csr_read(CSR_VSSCRATCH);
	n->vsepc = csr_read(CSR_VSEPC);
	n->vscause = csr_read(CSR_VSCAUSE);
	n->vstval = csr_read(CSR_VSTVAL);
	n->vsatp = csr_read(CSR_VSATP);
	/* The nested guest may have cleared its SSIP (hvip.VSSIP). */
	n->hvip = (n->hvip & ~deleg) | (csr_read(CSR_HVIP) & deleg);
	if (vcpu_uses_sstc(v))
		n->vstimecmp = csr_read(CSR_VSTIMECMP);
}

/* The hart state of a nested run; the hart holds the host's before. */
static void hart_apply(struct vcpu *v)
{
	struct nested *n = nested_of(v);

	n->host_hedeleg = csr_read(CSR_HEDELEG);
	n->host_hideleg = csr_read(CSR_HIDELEG);
	csr_write(CSR_HEDELEG, n->host_hedeleg & n->hedeleg);
	csr_write(CSR_HIDELEG, n->host_hideleg & n->hideleg);
	csr_write(CSR_HTIMEDELTA, -v->guest->time_base + n->htimedelta);
	/* Its henvcfg (masked to ours when written): without STCE, hvip.VSTIP
	 * is its timer interrupt. */
	csr_write(CSR_HENVCFG, n->henvcfg);
	/* hvip.VSTIP written while STCE was set may not have stuck. */
	csr_write(CSR_HVIP, (csr_read(CSR_HVIP) & ~(1UL << IRQ_VS_TIMER)) |
				    (n->hvip & n->hideleg & (1UL << IRQ_VS_TIMER)));
	nested_shadow_activate(v);
	n->hart_stale = false;
}

static void hart_restore(struct vcpu *v)
{
	struct nested *n = nested_of(v);

	csr_write(CSR_HEDELEG, n->host_hedeleg);
	csr_write(CSR_HIDELEG, n->host_hideleg);
	csr_write(CSR_HTIMEDELTA, -v->guest->time_base);
	csr_write(CSR_HENVCFG, vcpu_arch(v)->csrs.henvcfg);
	nested_shadow_deactivate(v);
	n->hart_stale = true;
}

/* A posted request makes the entry path run nested_before_entry(). */
static void l1_timer_expired(struct timer_event *ev)
{
	struct vcpu *v = ev->priv;

	__atomic_fetch_or(&vcpu_arch(v)->requests, VCPU_REQ_NESTED, __ATOMIC_SEQ_CST);
	arch_vcpu_kick(v);
}

void nested_l2_enter(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;
	struct nested *n = nested_of(v);
	unsigned long s = csr_read(CSR_VSSTATUS), mask = HSTATUS_VTSR | HSTATUS_VTVM;
	bool vs = s & SSTATUS_SPP;
	uint64_t base = v->guest->time_base;

	/* The guest hypervisor's sret: SIE = SPIE, SPIE = 1, SPP = U, SPV = 0. */
	s = (s & ~(SSTATUS_SIE | SSTATUS_SPP)) | ((s & SSTATUS_SPIE) ? SSTATUS_SIE : 0) |
	    SSTATUS_SPIE;
	csr_write(CSR_VSSTATUS, s);
	a->regs.sepc = csr_read(CSR_VSEPC);
	n->hstatus &= ~HSTATUS_SPV;
	l1_save(v);
	n->l2 = true;
	n->hart_stale = true;
	hart_apply(v);
	l2_load(v);
	a->regs.sstatus = (a->regs.sstatus & ~SSTATUS_SPP) | (vs ? SSTATUS_SPP : 0);
	a->regs.hstatus = (a->regs.hstatus & ~(mask | HSTATUS_SPVP)) | (n->hstatus & mask) |
			  (vs ? HSTATUS_SPVP : 0);
	if (vcpu_uses_sstc(v) && n->l1.vstimecmp != UINT64_MAX)
		timer_event_start_at(&n->l1_timer, n->l1.vstimecmp > UINT64_MAX - base ?
							   UINT64_MAX : n->l1.vstimecmp + base);
}

void nested_l2_exit(struct vcpu *v, unsigned long cause, unsigned long tval,
		    unsigned long htval, unsigned long htinst, bool gva)
{
	struct vcpu_arch *a = v->arch;
	struct nested *n = nested_of(v);
	bool vs = a->regs.sstatus & SSTATUS_SPP, irq = cause & SCAUSE_IRQ;
	unsigned long s, tvec;

	timer_event_stop(&n->l1_timer);
	l2_save(v);
	if (!n->hart_stale)
		hart_restore(v);
	l1_restore(v);
	n->l2 = false;
	if (n->l1_vvma) {
		__asm__ __volatile__(".insn r 0x73, 0, 0x11, x0, x0, x0" : : : "memory");
		n->l1_vvma = false;
	}
	/* Taken into (virtual) HS-mode from V=1. */
	s = csr_read(CSR_VSSTATUS) & ~(SSTATUS_SPP | SSTATUS_SPIE);
	if (vs)
		s |= SSTATUS_SPP;
	if (s & SSTATUS_SIE)
		s |= SSTATUS_SPIE;
	csr_write(CSR_VSSTATUS, s & ~SSTATUS_SIE);
	csr_write(CSR_VSEPC, a->regs.sepc);
	csr_write(CSR_VSCAUSE, cause);
	csr_write(CSR_VSTVAL, tval);
	n->hstatus = (n->hstatus & ~(HSTATUS_SPVP | HSTATUS_GVA)) | HSTATUS_SPV |
		     (vs ? HSTATUS_SPVP : 0) | (gva ? HSTATUS_GVA : 0);
	n->htval = htval;
	n->htinst = htinst;
	tvec = csr_read(CSR_VSTVEC);
	a->regs.sepc = (tvec & ~3UL) + (irq && (tvec & 1) ? 4 * (cause & ~SCAUSE_IRQ) : 0);
	a->regs.sstatus |= SSTATUS_SPP;
	a->regs.hstatus = (a->regs.hstatus & ~HSTATUS_VTVM) | HSTATUS_SPVP;
	nested_sync_hstatus(v);
}

/* An exception of the nested guest: to its own handler if the guest
 * hypervisor delegates it, else to the guest hypervisor. */
static void l2_exception(struct vcpu *v, unsigned long cause, unsigned long tval, bool gva)
{
	if ((nested_of(v)->hedeleg >> cause) & 1)
		vcpu_redirect_trap(v, cause, tval);
	else
		nested_l2_exit(v, cause, tval, 0, 0, gva);
}

/*
 * The transformed instruction of a load or store that took a guest-page
 * fault, for the guest hypervisor's htinst when the hart gave none: read
 * with HLVX through the nested guest's translation (still on the hart),
 * its address fields cleared, bits 1:0 = 01 for a 16-bit original.  0 if
 * it is not a plain load or store or cannot be read.
 */
static unsigned long transformed_insn(struct vcpu *v)
{
	struct vcpu_regs *r = &vcpu_arch(v)->regs;
	unsigned long insn, t;
	unsigned int funct3;
	struct mmio_insn m;
	int fault;

	csr_write(CSR_HSTATUS, r->hstatus);
	insn = vcpu_read_insn(r->sepc, &fault);
	csr_clear(CSR_HSTATUS, HSTATUS_SPV);
	if (fault || insn_decode_mmio(insn, false, &m))
		return 0;
	funct3 = __builtin_ctz(m.width);
	if (!m.is_store && !m.sign_extend && m.width < 8)
		funct3 |= 4;
	t = m.is_store ? (m.reg << 20 | funct3 << 12 | 0x23) : (funct3 << 12 | m.reg << 7 | 0x03);
	return m.insn_len == 2 ? t & ~2UL : t;
}

static void guest_page_fault(struct vcpu *v, unsigned long cause)
{
	struct vcpu_regs *r = &vcpu_arch(v)->regs;
	uint64_t gpa = (r->htval << 2) | (r->stval & 3);
	enum shadow_access acc = cause == EXC_INST_GUEST_PAGE_FAULT ? SHADOW_FETCH :
				 cause == EXC_LOAD_GUEST_PAGE_FAULT ? SHADOW_LOAD :
								      SHADOW_STORE;
	bool gva = r->hstatus & HSTATUS_GVA;
	unsigned long htinst;

	switch (nested_shadow_fill(v, gpa, acc)) {
	case SHADOW_MAPPED:
		break;
	case SHADOW_FAULT_L1:
		htinst = r->htinst;
		if (!htinst && acc != SHADOW_FETCH)
			htinst = transformed_insn(v);
		nested_l2_exit(v, cause, r->stval, r->htval, htinst, gva);
		break;
	default:
		l2_exception(v, acc == SHADOW_FETCH ? EXC_INST_ACCESS :
				acc == SHADOW_LOAD ? EXC_LOAD_ACCESS : EXC_STORE_ACCESS,
			     r->stval, gva);
		break;
	}
}

static void virtual_insn(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;
	unsigned long insn = a->regs.stval;
	int fault = 0;

	if (!insn) {
		csr_write(CSR_HSTATUS, a->regs.hstatus);
		insn = vcpu_read_insn(a->regs.sepc, &fault);
		csr_clear(CSR_HSTATUS, HSTATUS_SPV);
		if (fault)
			return;	/* not readable now: it traps again */
	}
	if (insn == INSN_WFI && !(nested_of(v)->hstatus & HSTATUS_VTW)) {
		a->regs.sepc += 4;
		if (!vcpu_has_pending_irq(v))
			vcpu_wait_for_irq(v);
		return;
	}
	nested_l2_exit(v, EXC_VIRTUAL, insn, 0, 0, false);
}

void nested_handle_exit(struct vcpu *v)
{
	struct vcpu_regs *r = &vcpu_arch(v)->regs;

	if (!nested_of(v)->l2) {
		vcpu_guest_exit(v);
		return;
	}
	switch (r->scause) {
	case EXC_ECALL_VS:
		nested_l2_exit(v, r->scause, 0, 0, 0, false);
		break;
	case EXC_INST_GUEST_PAGE_FAULT:
	case EXC_LOAD_GUEST_PAGE_FAULT:
	case EXC_STORE_GPF:
		guest_page_fault(v, r->scause);
		break;
	case EXC_VIRTUAL:
		virtual_insn(v);
		break;
	default:
		nested_l2_exit(v, r->scause, r->stval, 0, 0, r->hstatus & HSTATUS_GVA);
		break;
	}
}

/* The interrupt the guest hypervisor takes now, or 0: its own (posted by
 * us, its stimecmp) as S-level codes, then VS ones it did not delegate. */
static unsigned long l1_irq(struct vcpu *v)
{
	static const unsigned char order[] = { 9, 1, 5, 10, 2, 6 };
	struct nested *n = nested_of(v);
	unsigned long pend = (n->l1.hvip >> 1) & S_IRQS;

	if (vcpu_uses_sstc(v) && n->l1.vstimecmp <= vcpu_guest_time(v))
		pend |= 1UL << IRQ_S_TIMER;
	pend &= n->l1.vs.vsie;
	pend |= n->hvip & ~n->hideleg & n->hie & VS_IRQS;
	for (unsigned int i = 0; i < sizeof(order); i++)
		if ((pend >> order[i]) & 1)
			return order[i];
	return 0;
}

bool nested_post_irqs(struct vcpu *v, unsigned long set, unsigned long clear)
{
	struct nested *n = nested_of(v);

	if (!n->l2)
		return false;
	n->l1.hvip = (n->l1.hvip | set) & ~clear;
	return true;
}

void nested_before_entry(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;
	struct nested *n = nested_of(v);
	unsigned long code;

	if (!n->l2)
		return;
	if (__atomic_load_n(&a->requests, __ATOMIC_RELAXED) & VCPU_REQ_VVMA)
		n->l1_vvma = true;
	code = l1_irq(v);
	if (code)
		nested_l2_exit(v, SCAUSE_IRQ | code, 0, 0, 0, false);
}

void nested_put(struct vcpu *v)
{
	struct nested *n = nested_of(v);

	if (n->l2 && !n->hart_stale)
		hart_restore(v);
}

void nested_load(struct vcpu *v)
{
	struct nested *n = nested_of(v);

	if (n->l2 && n->hart_stale)
		hart_apply(v);
}

void nested_l2_init(struct vcpu *v)
{
	timer_event_init(&nested_of(v)->l1_timer, l1_timer_expired, v);
}
