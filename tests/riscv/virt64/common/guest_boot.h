/*
 * Boot-hart start-up shared by the project's bare-metal test guests, as an
 * assembler macro: copy the image from where it was loaded (NOR at GPA 0)
 * to its link address and continue there, set gp, clear BSS, set sp, tp
 * and stvec (fw_trap_entry, common/trap_entry.S) and call main.  The
 * linker script provides _image_end, __bss_start/__bss_end, __stack_top,
 * __tls_base and __global_pointer$.
 */
#ifndef GUEST_BOOT_H
#define GUEST_BOOT_H

.macro GUEST_BOOT link_base, main
	/* No linker relaxation until gp is set: lla of a symbol near
	 * __global_pointer$ would become gp-relative. */
	.option push
	.option norelax
	lla	t0, _start
	li	t1, \link_base
	beq	t0, t1, 93f
	lla	t2, _image_end
	mv	t3, t1
91:	ld	t4, 0(t0)
	sd	t4, 0(t3)
	addi	t0, t0, 8
	addi	t3, t3, 8
	bltu	t0, t2, 91b
	fence.i
	lla	t0, 93f
	lla	t2, _start
	sub	t0, t0, t2
	add	t0, t0, t1
	jr	t0
93:
	lla	gp, __global_pointer$
	.option pop
	lla	t0, __bss_start
	lla	t1, __bss_end
94:	bgeu	t0, t1, 95f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	94b
95:	lla	sp, __stack_top
	lla	tp, __tls_base
	lla	t0, fw_trap_entry
	csrw	stvec, t0
	call	\main
.endm

#endif
