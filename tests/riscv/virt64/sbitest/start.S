/*
 * Start-up of the SBI test guest.  Hart 0 enters at _start from NOR (GPA 0)
 * with the MMU off, copies the image to ST_LINK_BASE, clears BSS, sets gp,
 * tp, sp and stvec and calls sbitest_main().  Any other hart entering here
 * stops itself with HSM.  hsm_entry is where the HSM suite starts hart 1:
 * it reports its arguments and CSRs in the mailbox a1 points to, waits for
 * the release word and stops.  The trap entry is shared:
 * common/trap_entry.S.
 */
#include "sbitest.h"


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
	lla	t0, fw_trap_entry
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
