/*
 * HLV/HLVX/HSV executed by the hypervisor on behalf of a guest
 * hypervisor (nested_mem.c): one slot per access kind, entered through a
 * private trap vector so a fault is reported (scause, stval, htval) to the
 * caller instead of being taken as a hypervisor bug.
 */
#include <arch/asm.h>

	.text
	/*
	 * unsigned long nested_hx(unsigned int op, unsigned long addr,
	 *			    unsigned long val, unsigned long *cause,
	 *			    unsigned long *tval)
	 * op is enum nested_hx_op (nested_priv.h); call with interrupts masked.
	 */
	.globl nested_hx
nested_hx:
	csrr	t1, CSR_STVEC
	lla	t0, 8f
	csrw	CSR_STVEC, t0
	sd	zero, 0(a3)
	slli	t0, a0, 3
	lla	t2, 1f
	add	t0, t0, t2
	mv	t2, a1
	jr	t0
	.option	push
	.option	norvc
1:	.insn	r 0x73, 4, 0x30, a0, t2, x0	/* hlv.b */
	j	9f
	.insn	r 0x73, 4, 0x30, a0, t2, x1	/* hlv.bu */
	j	9f
	.insn	r 0x73, 4, 0x32, a0, t2, x0	/* hlv.h */
	j	9f
	.insn	r 0x73, 4, 0x32, a0, t2, x1	/* hlv.hu */
	j	9f
	.insn	r 0x73, 4, 0x34, a0, t2, x0	/* hlv.w */
	j	9f
	.insn	r 0x73, 4, 0x34, a0, t2, x1	/* hlv.wu */
	j	9f
	.insn	r 0x73, 4, 0x36, a0, t2, x0	/* hlv.d */
	j	9f
	.insn	r 0x73, 4, 0x32, a0, t2, x3	/* hlvx.hu */
	j	9f
	.insn	r 0x73, 4, 0x34, a0, t2, x3	/* hlvx.wu */
	j	9f
	.insn	r 0x73, 4, 0x31, x0, t2, a2	/* hsv.b */
	j	9f
	.insn	r 0x73, 4, 0x33, x0, t2, a2	/* hsv.h */
	j	9f
	.insn	r 0x73, 4, 0x35, x0, t2, a2	/* hsv.w */
	j	9f
	.insn	r 0x73, 4, 0x37, x0, t2, a2	/* hsv.d */
	j	9f
	.option	pop
9:	csrw	CSR_STVEC, t1
	ret
	.balign	4
8:	csrw	CSR_STVEC, t1
	csrr	t0, CSR_SCAUSE
	sd	t0, 0(a3)
	csrr	t0, CSR_STVAL
	sd	t0, 0(a4)
	csrr	t0, CSR_HTVAL
	sd	t0, 8(a4)
	li	a0, 0
	ret
