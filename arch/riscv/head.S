/*
 * Entry point of vmm.bin.  Starts with the RISC-V Linux Image header so
 * OpenSBI, QEMU -kernel and U-Boot booti load it; entered in HS-mode with
 * the MMU off, a0 = hartid, a1 = FDT.  The first hart to arrive applies the
 * image's relative relocations (the image runs wherever it is loaded),
 * clears BSS and calls boot_main() on the boot stack.  Harts that enter
 * together without HSM park in a pen; harts started later through SBI HSM
 * enter at _start_secondary with a1 = the top of their stack.
 */
#include <arch/asm.h>
#include <autoconf.h>

#define SECONDARY_BOOT_SLOTS CONFIG_MAX_CPUS

	.section .head.text, "ax"
	.globl _start
_start:
	/* Image header: code0/code1, text_offset, image_size, flags, ... */
	j	_start_primary
	.balign	8
	.dword	0x200000
	.dword	_image_end - _image_start
	.dword	0
	.word	2
	.word	0
	.dword	0
	.ascii	"RISCV\0\0\0"
	.ascii	"RSC\x05"
	.word	0

_start_primary:
	csrw	CSR_SIE, zero
	csrw	CSR_SATP, zero
	/* Elect one boot hart; the others wait in the pen. */
	lla	t0, boot_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, _pen

	mv	s0, a0
	mv	s1, a1

	/* Add the load offset to every absolute word of the image. */
	lla	t0, _start
	li	t1, 0x80200000
	sub	t2, t0, t1		/* load offset */
	beqz	t2, 3f
	lla	t3, __relocs_start
	lla	t4, __relocs_end
1:	bgeu	t3, t4, 3f
	lwu	t5, 0(t3)
	add	t5, t5, t0
	ld	t6, 0(t5)
	add	t6, t6, t2
	sd	t6, 0(t5)
	addi	t3, t3, 4
	j	1b
3:
	/* Clear BSS. */
	lla	t0, __bss_start
	lla	t1, __bss_end
4:	bgeu	t0, t1, 5f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	4b
5:
	fence	rw, rw
	lla	sp, boot_stack_top
	mv	tp, zero
	mv	a0, s0
	mv	a1, s1
	call	boot_main
6:	wfi
	j	6b

	/*
	 * Harts that arrive here without being the boot hart: harts that
	 * entered together without HSM, and (with OpenSBI 1.1, whose HSM
	 * start can race with its own bookkeeping) a hart that was started
	 * but sent to the image entry instead of _start_secondary.  They poll
	 * secondary_boot_table for their hart id and follow the stack that
	 * arch_cpu_start() published there.
	 */
_pen:
	lla	t0, secondary_boot_table
	li	t1, SECONDARY_BOOT_SLOTS
1:	ld	t2, 0(t0)		/* hart id + 1, 0 = empty */
	addi	t3, a0, 1
	bne	t2, t3, 2f
	ld	a1, 8(t0)		/* stack top */
	fence	r, rw
	j	_start_secondary
2:	addi	t0, t0, 16
	addi	t1, t1, -1
	bnez	t1, 1b
	j	_pen

	/* a0 = hartid, a1 = top of this hart's stack (HSM opaque). */
	.globl _start_secondary
_start_secondary:
	csrw	CSR_SIE, zero
	csrw	CSR_SATP, zero
	mv	sp, a1
	mv	tp, zero
	call	secondary_main
7:	wfi
	j	7b

	.data
	.balign	4
boot_lottery:
	.word	0

	.balign	16
	.globl secondary_boot_table
secondary_boot_table:
	.skip	16 * SECONDARY_BOOT_SLOTS

	.bss
	.balign	16
boot_stack:
	.skip	16384
boot_stack_top:
