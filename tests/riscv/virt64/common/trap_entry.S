/*
 * Trap entry shared by the project's bare-metal test guests (the basic
 * firmware and the SBI test guest): saves the caller-saved registers,
 * calls fw_trap(scause, sepc, stval) of the guest program, restores them
 * and returns with sret.
 */
#define TRAP_FRAME	(16 * 8)

	.text
	.align	2
	.globl	fw_trap_entry
fw_trap_entry:
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
	call	fw_trap
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
