/*
 * Start-up of the SBI test guest.  Hart 0 enters at _start from NOR (GPA 0)
 * with the MMU off, copies the image to ST_LINK_BASE, clears BSS, sets gp,
 * tp, sp and stvec and calls sbitest_main().  Any other hart entering here
 * stops itself with HSM.  hsm_entry is where the HSM suite starts hart 1:
 * it reports its arguments and CSRs in the mailbox a1 points to, waits for
 * the release word and stops.  Also the trap entry, which saves the
 * caller-saved registers around sbitest_trap(scause, sepc, stval).
 */
#include "sbitest.h"

#define TRAP_FRAME	(16 * 8)

	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	sie, zero
	bnez	a0, park

	lla	t0, _start
	li	t1, ST_LINK_BASE
	beq	t0, t1, relocated
	lla	t2, _image_end
	mv	t3, t1
1:	ld	t4, 0(t0)
	sd	t4, 0(t3)
	addi	t0, t0, 8
	addi	t3, t3, 8
	bltu	t0, t2, 1b
	fence.i
	lla	t0, relocated
	lla	t2, _start
	sub	t0, t0, t2
	add	t0, t0, t1
	jr	t0

relocated:
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	lla	t0, __bss_start
	lla	t1, __bss_end
2:	bgeu	t0, t1, 3f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	2b
3:	lla	sp, __stack_top
	lla	tp, __tls_base
	lla	t0, sbitest_trap_entry
	csrw	stvec, t0
	call	sbitest_main
park:
	li	a7, SBI_EXT_HSM
	li	a6, SBI_HSM_HART_STOP
	ecall
4:	wfi
	j	4b

	.text
	.globl	hsm_entry
hsm_entry:
	sd	a1, MBOX_OPAQUE(a1)
	sd	a0, MBOX_HARTID(a1)
	csrr	t0, satp
	sd	t0, MBOX_SATP(a1)
	csrr	t0, sstatus
	sd	t0, MBOX_SSTATUS(a1)
	li	t0, 1
	fence	rw, rw
	sd	t0, MBOX_ALIVE(a1)
5:	ld	t0, MBOX_RELEASE(a1)
	beqz	t0, 5b
	mv	s0, a1
	li	a7, SBI_EXT_HSM
	li	a6, SBI_HSM_HART_STOP
	ecall
	/* hart_stop returned: report its error and spin. */
	sd	a0, MBOX_STOP_ERR(s0)
6:	wfi
	j	6b

	.align	2
	.globl	sbitest_trap_entry
sbitest_trap_entry:
	addi	sp, sp, -TRAP_FRAME
	sd	ra, 0 * 8(sp)
	sd	t0, 1 * 8(sp)
	sd	t1, 2 * 8(sp)
	sd	t2, 3 * 8(sp)
	sd	t3, 4 * 8(sp)
	sd	t4, 5 * 8(sp)
	sd	t5, 6 * 8(sp)
	sd	t6, 7 * 8(sp)
	sd	a0, 8 * 8(sp)
	sd	a1, 9 * 8(sp)
	sd	a2, 10 * 8(sp)
	sd	a3, 11 * 8(sp)
	sd	a4, 12 * 8(sp)
	sd	a5, 13 * 8(sp)
	sd	a6, 14 * 8(sp)
	sd	a7, 15 * 8(sp)
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	sbitest_trap
	ld	ra, 0 * 8(sp)
	ld	t0, 1 * 8(sp)
	ld	t1, 2 * 8(sp)
	ld	t2, 3 * 8(sp)
	ld	t3, 4 * 8(sp)
	ld	t4, 5 * 8(sp)
	ld	t5, 6 * 8(sp)
	ld	t6, 7 * 8(sp)
	ld	a0, 8 * 8(sp)
	ld	a1, 9 * 8(sp)
	ld	a2, 10 * 8(sp)
	ld	a3, 11 * 8(sp)
	ld	a4, 12 * 8(sp)
	ld	a5, 13 * 8(sp)
	ld	a6, 14 * 8(sp)
	ld	a7, 15 * 8(sp)
	addi	sp, sp, TRAP_FRAME
	sret
