/*
 * Start-up of the flood test guest.  Hart 0 enters at _start from NOR
 * (GPA 0) and boots with the shared GUEST_BOOT macro into flood_main();
 * the second hart is started by flood_main() with HSM at secondary_entry,
 * gets the second stack and runs flood_secondary().  Any other hart
 * entering at _start spins in WFI.
 */
#include "../common/guest_boot.h"

	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	sie, zero
	bnez	a0, park
	GUEST_BOOT 0x80000000, flood_main
park:
	wfi
	j	park

	.text
	.globl	secondary_entry
secondary_entry:
	csrw	sie, zero
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	lla	sp, __stack2_top
	lla	tp, __tls_base
	lla	t0, fw_trap_entry
	csrw	stvec, t0
	call	flood_secondary
	j	park
