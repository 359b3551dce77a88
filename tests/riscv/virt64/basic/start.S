/*
 * Start-up of the basic firmware.  Every hart enters at _start from NOR
 * (GPA 0) with a0 = hartid and the MMU off.  The boot hart (a0 == 0) copies
 * the image to its link address FW_LINK_BASE, continues there, clears BSS,
 * sets gp, tp, sp and stvec and calls basic_main(hartid).  Other harts give
 * themselves back to the SBI with HSM hart_stop (so Linux can start them),
 * or, without HSM, spin until start_linux_fdt publishes the kernel entry in
 * basic_release.  The trap entry is shared: common/trap_entry.S.
 */
#include "basic.h"
#include "../common/guest_boot.h"

#define SBI_BASE_PROBE_EXT	3
#define SBI_HSM_HART_STOP	1

	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	sie, zero
	bnez	a0, secondary

	GUEST_BOOT FW_LINK_BASE, basic_main
4:	wfi
	j	4b

secondary:
	mv	s0, a0
	li	a7, SBI_EXT_BASE
	li	a6, SBI_BASE_PROBE_EXT
	li	a0, SBI_EXT_HSM
	ecall
	bnez	a0, 5f
	beqz	a1, 5f
	li	a7, SBI_EXT_HSM
	li	a6, SBI_HSM_HART_STOP
	ecall
5:	/* No HSM: poll the mailbox at its RAM (link) address. */
	lla	t0, basic_release
	lla	t1, _start
	sub	t0, t0, t1
	li	t1, FW_LINK_BASE
	add	t0, t0, t1
	li	t2, RELEASE_MAGIC
6:	ld	t3, RELEASE_MAGIC_OFF(t0)
	bne	t3, t2, 6b
	fence	r, r
	ld	t4, RELEASE_ENTRY_OFF(t0)
	ld	a1, RELEASE_FDT_OFF(t0)
	mv	a0, s0
	jr	t4
