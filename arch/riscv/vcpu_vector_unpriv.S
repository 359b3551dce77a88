/*
 * Saving and restoring a guest's vector state (struct vcpu_vector in
 * arch/vcpu_vector.h): the CSRs vstart, vl, vtype and vcsr (vxrm and
 * vxsat), and v0-v31 with whole-register loads and stores, which ignore
 * vl and vtype.  The hypervisor is built without V; only this file
 * assembles vector instructions.  Each routine turns sstatus.VS on, which
 * the next entry into a guest replaces with the guest's own value.
 */
#include <arch/asm.h>

#define VV_VSTART	0
#define VV_VL		8
#define VV_VTYPE	16
#define VV_VCSR		24
#define VV_REGS		32

	.text
	.option	push
	.option	arch, +v

	/* unsigned long vector_read_vlenb(void) */
	.globl vector_read_vlenb
vector_read_vlenb:
	li	t0, SSTATUS_VS
	csrs	CSR_SSTATUS, t0
	csrr	a0, vlenb
	ret

	/* void vector_save(struct vcpu_vector *vs) */
	.globl vector_save
vector_save:
	li	t0, SSTATUS_VS
	csrs	CSR_SSTATUS, t0
	csrr	t1, vstart
	sd	t1, VV_VSTART(a0)
	csrr	t1, vl
	sd	t1, VV_VL(a0)
	csrr	t1, vtype
	sd	t1, VV_VTYPE(a0)
	csrr	t1, vcsr
	sd	t1, VV_VCSR(a0)
	csrw	vstart, zero
	csrr	t1, vlenb
	slli	t1, t1, 3		/* eight registers per store */
	addi	a0, a0, VV_REGS
	vs8r.v	v0, (a0)
	add	a0, a0, t1
	vs8r.v	v8, (a0)
	add	a0, a0, t1
	vs8r.v	v16, (a0)
	add	a0, a0, t1
	vs8r.v	v24, (a0)
	ret

	/* void vector_restore(const struct vcpu_vector *vs) */
	.globl vector_restore
vector_restore:
	li	t0, SSTATUS_VS
	csrs	CSR_SSTATUS, t0
	csrw	vstart, zero
	csrr	t1, vlenb
	slli	t1, t1, 3
	addi	t0, a0, VV_REGS
	vl8re8.v v0, (t0)
	add	t0, t0, t1
	vl8re8.v v8, (t0)
	add	t0, t0, t1
	vl8re8.v v16, (t0)
	add	t0, t0, t1
	vl8re8.v v24, (t0)
	/* vl <= VLMAX of vtype, so vsetvl gives back exactly vl (or 0 and vill). */
	ld	t1, VV_VL(a0)
	ld	t2, VV_VTYPE(a0)
	vsetvl	zero, t1, t2
	ld	t1, VV_VCSR(a0)
	csrw	vcsr, t1
	ld	t1, VV_VSTART(a0)
	csrw	vstart, t1
	ret
	.option	pop
