/*
 * The guest hypervisor's hypervisor CSRs (hstatus, hedeleg, hideleg, hvip,
 * hip, hie, hgeie, hgeip, htval, htinst, hgatp, henvcfg, hcounteren,
 * htimedelta) and VS CSRs (vsstatus ... vsatp, vstimecmp), which trap
 * from VS-mode as virtual instructions: the CSR instruction is decoded
 * and performed on the virtual H state with each CSR's WARL rules.  The
 * hart has no guest external interrupts for it (GEILEN 0) and no VMID
 * bits (VMIDLEN 0).  A CSR it does not know, or a write to a read-only
 * one, is an illegal instruction, as on a hart without it.
 */
#include <errno.h>
#include <arch/gstage.h>
#include <arch/nested.h>
#include <vmm/vcpu.h>
#include "nested_priv.h"

#define VS_IRQS		((1UL << IRQ_VS_SOFT) | (1UL << IRQ_VS_TIMER) | (1UL << IRQ_VS_EXT))
#define HIE_MASK	(VS_IRQS | (1UL << IRQ_S_GEXT))
#define HEDELEG_MASK	0xb1ffUL	/* causes 0-8, 12, 13, 15 */
#define HSTATUS_MASK	(HSTATUS_GVA | HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_HU | \
			 HSTATUS_VTVM | HSTATUS_VTW | HSTATUS_VTSR)
#define VSSTATUS_MASK	(SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP | SSTATUS_VS | \
			 SSTATUS_FS | SSTATUS_SUM | SSTATUS_MXR)
#define VSSTATUS_SD	(1UL << 63)
#define ATP_MODE_SHIFT	60
#define HGATP_PPN_MASK	((1UL << 44) - 4)	/* the root is 16 KiB aligned */
#define SATP_KEEP	((1UL << 60) - 1)	/* ASID and PPN */

enum csr_op { CSR_READ, CSR_WRITE };

/* A translation mode the hart implements for vsatp (Sv39, Sv48) or hgatp. */
static bool atp_mode_ok(unsigned long val, bool g_stage)
{
	unsigned long mode = val >> ATP_MODE_SHIFT;

	if (mode == HGATP_MODE_BARE)
		return true;
	if (g_stage)
		return mode >= 8 && mode <= gstage_mode;
	return mode == 8 || mode == 9;
}

static unsigned long vsstatus_fixup(unsigned long val)
{
	val = (val & VSSTATUS_MASK) | (2UL << 32);
	if ((val & SSTATUS_FS) == SSTATUS_FS || (val & SSTATUS_VS) == SSTATUS_VS)
		val |= VSSTATUS_SD;
	return val;
}

/* hip as the guest hypervisor reads it: VSSIP is hvip's, the others are
 * hvip's too (no guest external interrupt file, no vstimecmp yet). */
static unsigned long hip_read(struct nested *n)
{
	return n->hvip & VS_IRQS;
}

/* vsip/vsie: the VS interrupts hideleg delegates, one bit lower. */
static unsigned long vs_view(unsigned long h, unsigned long hideleg)
{
	return (h & hideleg & VS_IRQS) >> 1;
}

static unsigned long vs_merge(unsigned long h, unsigned long val, unsigned long hideleg,
			      unsigned long writable)
{
	unsigned long m = hideleg & writable;

	return (h & ~m) | ((val << 1) & m);
}

/* The virtual hypervisor CSR num: read into *old, write val if op. */
static bool h_csr(struct vcpu *v, unsigned int num, unsigned long *old, unsigned long val,
		  enum csr_op op)
{
	struct nested *n = nested_of(v);
	bool w = op == CSR_WRITE;

	switch (num) {
	case CSR_HSTATUS:
		*old = n->hstatus;
		if (w) {
			n->hstatus = (val & HSTATUS_MASK) | (2UL << HSTATUS_VSXL_SHIFT);
			nested_sync_hstatus(v);
		}
		return true;
	case CSR_HEDELEG:
		*old = n->hedeleg;
		if (w)
			n->hedeleg = val & HEDELEG_MASK;
		return true;
	case CSR_HIDELEG:
		*old = n->hideleg;
		if (w)
			n->hideleg = val & VS_IRQS;
		return true;
	case CSR_HVIP:
		*old = n->hvip;
		if (w)
			n->hvip = val & VS_IRQS;
		return true;
	case CSR_HIP:
		*old = hip_read(n);
		if (w)	/* only VSSIP is writable, an alias of hvip's */
			n->hvip = (n->hvip & ~(1UL << IRQ_VS_SOFT)) |
				  (val & (1UL << IRQ_VS_SOFT));
		return true;
	case CSR_HIE:
		*old = n->hie;
		if (w)
			n->hie = val & HIE_MASK;
		return true;
	case CSR_HGEIE:
		*old = 0;
		return true;
	case CSR_HTVAL:
		*old = n->htval;
		if (w)
			n->htval = val;
		return true;
	case CSR_HTINST:
		*old = n->htinst;
		if (w)
			n->htinst = val;
		return true;
	case CSR_HGATP:
		*old = n->hgatp;
		if (w && atp_mode_ok(val, true)) {
			val = (val & (0xfUL << ATP_MODE_SHIFT)) | (val & HGATP_PPN_MASK);
			if (val != n->hgatp)
				nested_shadow_reset(v);
			n->hgatp = val;
		}
		return true;
	case CSR_HENVCFG:
		*old = n->henvcfg;
		if (w)
			n->henvcfg = val & n->henvcfg_mask;
		return true;
	case CSR_HCOUNTEREN:
		*old = n->hcounteren;
		if (w)
			n->hcounteren = val & 0xffffffffUL;
		return true;
	case CSR_HTIMEDELTA:
		*old = n->htimedelta;
		if (w)
			n->htimedelta = val;
		return true;
	default:
		return false;
	}
}

/* The virtual VS CSR num (the nested guest's supervisor CSRs). */
static bool vs_csr(struct vcpu *v, unsigned int num, unsigned long *old, unsigned long val,
		   enum csr_op op)
{
	struct nested *n = nested_of(v);
	bool w = op == CSR_WRITE;
	unsigned long *plain = NULL;

	switch (num) {
	case CSR_VSSTATUS:
		*old = n->vsstatus;
		if (w)
			n->vsstatus = vsstatus_fixup(val);
		return true;
	case CSR_VSIE:
		*old = vs_view(n->hie, n->hideleg);
		if (w)
			n->hie = vs_merge(n->hie, val, n->hideleg, VS_IRQS);
		return true;
	case CSR_VSIP:
		*old = vs_view(hip_read(n), n->hideleg);
		if (w)	/* only SSIP is writable: hvip.VSSIP */
			n->hvip = vs_merge(n->hvip, val, n->hideleg, 1UL << IRQ_VS_SOFT);
		return true;
	case CSR_VSTVEC:
		*old = n->vstvec;
		if (w)
			n->vstvec = val & ~2UL;
		return true;
	case CSR_VSATP:
		*old = n->vsatp;
		if (w && atp_mode_ok(val, false))
			n->vsatp = val;
		return true;
	case CSR_VSTIMECMP:
		if (!vcpu_uses_sstc(v))
			return false;
		plain = &n->vstimecmp;
		break;
	case CSR_VSSCRATCH:
		plain = &n->vsscratch;
		break;
	case CSR_VSEPC:
		*old = n->vsepc;
		if (w)
			n->vsepc = val & ~1UL;
		return true;
	case CSR_VSCAUSE:
		plain = &n->vscause;
		break;
	case CSR_VSTVAL:
		plain = &n->vstval;
		break;
	default:
		return false;
	}
	*old = *plain;
	if (w)
		*plain = val;
	return true;
}

static bool csr_access(struct vcpu *v, unsigned int num, unsigned long *old,
		       unsigned long val, enum csr_op op)
{
	if (num == CSR_HGEIP) {
		*old = 0;
		return op == CSR_READ;
	}
	return h_csr(v, num, old, val, op) || vs_csr(v, num, old, val, op);
}

bool nested_csr_insn(struct vcpu *v, unsigned long insn)
{
	struct vcpu_arch *a = v->arch;
	unsigned int num = insn >> 20, rd = (insn >> 7) & 0x1f;
	unsigned int funct3 = (insn >> 12) & 7, rs1 = (insn >> 15) & 0x1f;
	unsigned long src, old, val;
	bool write;

	if ((insn & 0x7f) != 0x73 || !(funct3 & 3) || !(a->regs.sstatus & SSTATUS_SPP))
		return false;
	/* Hypervisor (0x6xx, hgeip) and VS (0x2xx) CSRs only. */
	if ((num >> 8) != 6 && (num >> 8) != 2 && num != CSR_HGEIP)
		return false;
	src = (funct3 & 4) ? rs1 : a->regs.x[rs1];
	write = (funct3 & 3) == 1 || rs1;
	if (!csr_access(v, num, &old, 0, CSR_READ))
		return false;
	switch (funct3 & 3) {
	case 1:
		val = src;
		break;
	case 2:
		val = old | src;
		break;
	default:
		val = old & ~src;
		break;
	}
	if (write && !csr_access(v, num, &old, val, CSR_WRITE))
		return false;
	if (rd)
		a->regs.x[rd] = old;
	a->regs.sepc += 4;
	return true;
}

int nested_csr(struct vcpu *v, unsigned int num, unsigned long *val, bool write)
{
	unsigned long old;

	if (!csr_access(v, num, &old, 0, CSR_READ))
		return -EINVAL;
	if (!write) {
		*val = old;
		return 0;
	}
	return csr_access(v, num, &old, *val, CSR_WRITE) ? 0 : -EINVAL;
}
