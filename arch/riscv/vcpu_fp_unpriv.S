/*
 * Small privileged helpers of the vCPU code: saving and restoring the
 * guest's floating-point registers (the hypervisor itself never uses
 * them), and reading a guest instruction through the guest's own address
 * translation (HLVX.HU) with a private trap vector, so a fault on the
 * read is reported instead of being taken as a hypervisor bug.
 */
#include <arch/asm.h>

	.text
	.option	push
	.option	arch, +d
	/* void vcpu_fp_save(uint64_t *fp, unsigned long *fcsr) */
	.globl vcpu_fp_save
vcpu_fp_save:
	li	t0, SSTATUS_FS
	csrs	CSR_SSTATUS, t0
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\n, \n*8(a0)
	.endr
	frcsr	t1
	sd	t1, 0(a1)
	ret

	/* void vcpu_fp_restore(const uint64_t *fp, const unsigned long *fcsr) */
	.globl vcpu_fp_restore
vcpu_fp_restore:
	li	t0, SSTATUS_FS
	csrs	CSR_SSTATUS, t0
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\n, \n*8(a0)
	.endr
	ld	t1, 0(a1)
	fscsr	t1
	ret
	.option	pop

	/*
	 * unsigned long vcpu_read_insn(unsigned long gva, int *fault)
	 * Reads the 16- or 32-bit instruction at a guest virtual address
	 * with the privilege in hstatus.SPVP.  Call with interrupts masked.
	 */
	.globl vcpu_read_insn
vcpu_read_insn:
	csrr	t1, CSR_STVEC
	lla	t0, 3f
	csrw	CSR_STVEC, t0
	sw	zero, 0(a1)
	mv	t2, a0
	.insn	r 0x73, 4, 0x32, a0, t2, x3	/* hlvx.hu a0, (t2) */
	andi	t3, a0, 3
	li	t4, 3
	bne	t3, t4, 1f
	addi	t2, t2, 2
	.insn	r 0x73, 4, 0x32, t3, t2, x3	/* hlvx.hu t3, (t2) */
	slli	t3, t3, 16
	or	a0, a0, t3
1:	csrw	CSR_STVEC, t1
	ret
	.balign	4
3:	csrw	CSR_STVEC, t1
	li	t0, 1
	sw	t0, 0(a1)
	li	a0, 0
	ret
