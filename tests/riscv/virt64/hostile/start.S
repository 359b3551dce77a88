/*
 * Start-up of the hostile test guest: hart 0 enters at _start from NOR
 * (GPA 0) with the MMU off and boots through ../common/guest_boot.h into
 * hostile_main(); any other hart stops itself with HSM.  secondary_entry
 * is where race.c starts harts: a stack from the opaque value, then C.
 */
#include "sbitest.h"
#include "../common/guest_boot.h"

	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	sie, zero
	bnez	a0, park

	GUEST_BOOT ST_LINK_BASE, hostile_main
park:
	li	a7, SBI_EXT_HSM
	li	a6, SBI_HSM_HART_STOP
	ecall
1:	wfi
	j	1b

/* Harts started with HSM (race.c): a0 = hartid, a1 = stack top. */
	.text
	.globl	secondary_entry
secondary_entry:
	mv	sp, a1
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	call	race_secondary
2:	wfi
	j	2b
