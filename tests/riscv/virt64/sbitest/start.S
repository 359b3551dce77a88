/*
 * Start-up of the SBI test guest.  Hart 0 enters at _start from NOR (GPA 0)
 * with the MMU off, copies the image to ST_LINK_BASE, clears BSS, sets gp,
 * tp, sp and stvec and calls sbitest_main().  Any other hart entering here
 * stops itself with HSM.  hsm_entry is where the HSM suite starts hart 1:
 * it reports its arguments and CSRs in the mailbox a1 points to, waits for
 * the release word and stops.  sec_entry starts a secondary hart in C
 * (sec_main) on the stack its mailbox names.  nonret_suspend makes a
 * non-retentive suspend call and resumes from it as a function return.
 * Each hart keeps its hart id in sscratch.  The trap entry is shared:
 * common/trap_entry.S.
 */
#include "sbitest.h"
#include "../common/guest_boot.h"


	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	sie, zero
	csrw	sscratch, a0
	bnez	a0, park

	GUEST_BOOT ST_LINK_BASE, sbitest_main
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

	/* sec_entry(a0 = hartid, a1 = struct sec_mailbox *) */
	.globl	sec_entry
sec_entry:
	csrw	sscratch, a0
	ld	sp, SMBOX_STACK_TOP(a1)
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	lla	tp, __tls_base
	lla	t0, fw_trap_entry
	csrw	stvec, t0
	call	sec_main
7:	wfi
	j	7b

	/*
	 * long nonret_suspend(eid, fid, type, struct resume_ctx *ctx): saves
	 * the callee-saved registers in ctx and calls (eid, fid) with a0 =
	 * type, a1 = resume_entry, a2 = ctx.  Returns the error if the call
	 * returns; on resume, records a0, a1, satp and sstatus in ctx and
	 * returns RESUMED.
	 */
	.globl	nonret_suspend
nonret_suspend:
	sd	ra, 0 * 8(a3)
	sd	sp, 1 * 8(a3)
	sd	gp, 2 * 8(a3)
	sd	tp, 3 * 8(a3)
	sd	s0, 4 * 8(a3)
	sd	s1, 5 * 8(a3)
	sd	s2, 6 * 8(a3)
	sd	s3, 7 * 8(a3)
	sd	s4, 8 * 8(a3)
	sd	s5, 9 * 8(a3)
	sd	s6, 10 * 8(a3)
	sd	s7, 11 * 8(a3)
	sd	s8, 12 * 8(a3)
	sd	s9, 13 * 8(a3)
	sd	s10, 14 * 8(a3)
	sd	s11, 15 * 8(a3)
	mv	a7, a0
	mv	a6, a1
	mv	a0, a2
	lla	a1, resume_entry
	mv	a2, a3
	ecall
	ret
resume_entry:
	sd	a0, RCTX_HARTID(a1)
	sd	a1, RCTX_OPAQUE(a1)
	csrr	t0, satp
	sd	t0, RCTX_SATP(a1)
	csrr	t0, sstatus
	sd	t0, RCTX_SSTATUS(a1)
	csrw	sscratch, a0
	lla	t0, fw_trap_entry
	csrw	stvec, t0
	ld	ra, 0 * 8(a1)
	ld	sp, 1 * 8(a1)
	ld	gp, 2 * 8(a1)
	ld	tp, 3 * 8(a1)
	ld	s0, 4 * 8(a1)
	ld	s1, 5 * 8(a1)
	ld	s2, 6 * 8(a1)
	ld	s3, 7 * 8(a1)
	ld	s4, 8 * 8(a1)
	ld	s5, 9 * 8(a1)
	ld	s6, 10 * 8(a1)
	ld	s7, 11 * 8(a1)
	ld	s8, 12 * 8(a1)
	ld	s9, 13 * 8(a1)
	ld	s10, 14 * 8(a1)
	ld	s11, 15 * 8(a1)
	li	a0, RESUMED
	ret
