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
