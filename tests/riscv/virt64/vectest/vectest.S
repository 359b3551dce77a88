/*
 * The vector isolation test guest: bare metal, one hart, run from NOR at
 * GPA 0 with the MMU off.  Its tag letter (byte 0xff000 of NOR, loaded from
 * a.tag or b.tag) makes its pattern its own.  Each round it fills v0-v31
 * (element values tag<<56 | round<<8 | register), sets vl, vxrm and vxsat
 * to values of its own, yields (SBI set_timer about 1 ms ahead, then WFI,
 * so the hart runs another vCPU meanwhile), and checks every byte of every
 * register and those CSRs.  It prints on uart0:
 *	vectest <tag>: vlenb <n>			at start
 *	vectest <tag>: round <n> ok			every 64 rounds
 *	vectest <tag>: MISMATCH ...			and stops, on a wrong value
 *	vectest <tag>: trap scause <hex> sepc <hex>	and stops, on any trap
 */
#define UART		0x10000000
#define UART_LSR	5
#define LSR_THRE	0x20
#define TAG_ADDR	0xff000
#define DUMP_AREA	0x80000000	/* 32 * vlenb bytes of stored registers */
#define STACK_TOP	0x80200000
#define SBI_EXT_TIME	0x54494D45
#define SBI_EXT_HSM	0x48534D
#define SBI_HSM_STOP	1
#define SSTATUS_VS_INIT	(1 << 9)
#define SIE_STIE	(1 << 5)
#define YIELD_TICKS	10000		/* 1 ms at the virt machine's 10 MHz */
#define PRINT_EVERY	63		/* mask: a line every 64 rounds */

	.option	arch, +v
	.section .text.entry, "ax"
	.globl	_start
_start:
	csrw	sie, zero
	bnez	a0, park
	li	sp, STACK_TOP
	lla	t0, trap
	csrw	stvec, t0
	li	t0, TAG_ADDR
	lbu	s0, 0(t0)			/* s0: tag letter */
	li	t0, SSTATUS_VS_INIT
	csrs	sstatus, t0
	csrr	s1, vlenb			/* s1: vlenb (traps without V) */
	call	put_tag
	lla	a0, msg_vlenb
	call	puts
	mv	a0, s1
	call	put_dec
	call	put_nl
	li	t0, SIE_STIE
	csrs	sie, t0
	li	s2, 0				/* s2: round */

round:
	slli	s3, s0, 56			/* s3: pattern base of this round */
	slli	t0, s2, 8
	or	s3, s3, t0
	vsetvli	t0, zero, e64, m1, ta, ma
	.irp	r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	addi	t1, s3, \r
	vmv.v.x	v\r, t1
	.endr
	andi	t0, s0, 3
	csrw	vxrm, t0
	andi	t0, s2, 1
	csrw	vxsat, t0
	andi	t1, s0, 1
	addi	t1, t1, 1
	vsetvli	s4, t1, e64, m1, tu, mu		/* s4: vl (1 or 2) */
	csrr	s5, vtype			/* s5: vtype */

	/* Yield: wake up in YIELD_TICKS, wait for it. */
	rdtime	a0
	li	t0, YIELD_TICKS
	add	a0, a0, t0
	li	a7, SBI_EXT_TIME
	li	a6, 0
	ecall
	wfi

	csrr	t0, vl
	bne	t0, s4, bad_csr
	csrr	t0, vtype
	bne	t0, s5, bad_csr
	csrr	t0, vxrm
	andi	t1, s0, 3
	bne	t0, t1, bad_csr
	csrr	t0, vxsat
	andi	t1, s2, 1
	bne	t0, t1, bad_csr

	li	a0, DUMP_AREA
	slli	t1, s1, 3
	vs8r.v	v0, (a0)
	add	a0, a0, t1
	vs8r.v	v8, (a0)
	add	a0, a0, t1
	vs8r.v	v16, (a0)
	add	a0, a0, t1
	vs8r.v	v24, (a0)
	li	a0, DUMP_AREA
	li	s6, 0				/* s6: register number */
1:	srli	t3, s1, 3			/* 64-bit elements per register */
	add	t4, s3, s6			/* expected value */
2:	ld	t5, 0(a0)
	bne	t5, t4, bad_reg
	addi	a0, a0, 8
	addi	t3, t3, -1
	bnez	t3, 2b
	addi	s6, s6, 1
	li	t6, 32
	bltu	s6, t6, 1b

	addi	s2, s2, 1
	andi	t0, s2, PRINT_EVERY
	bnez	t0, round
	call	put_tag
	lla	a0, msg_round
	call	puts
	mv	a0, s2
	call	put_dec
	lla	a0, msg_ok
	call	puts
	j	round

bad_reg:					/* t5 found, t4 wanted, s6 register */
	mv	s7, t5
	mv	s8, t4
	call	put_tag
	lla	a0, msg_bad_reg
	call	puts
	mv	a0, s6
	call	put_dec
	lla	a0, msg_found
	call	puts
	mv	a0, s7
	call	put_hex
	lla	a0, msg_wanted
	call	puts
	mv	a0, s8
	call	put_hex
	call	put_nl
	j	park

bad_csr:
	call	put_tag
	lla	a0, msg_bad_csr
	call	puts
	j	park

	.balign	4
trap:
	call	put_tag
	lla	a0, msg_trap
	call	puts
	csrr	a0, scause
	call	put_hex
	lla	a0, msg_sepc
	call	puts
	csrr	a0, sepc
	call	put_hex
	call	put_nl
park:
	li	a7, SBI_EXT_HSM
	li	a6, SBI_HSM_STOP
	ecall
3:	wfi
	j	3b

/* putc(a0); clobbers t0, t1 */
putc:
	li	t0, UART
1:	lbu	t1, UART_LSR(t0)
	andi	t1, t1, LSR_THRE
	beqz	t1, 1b
	sb	a0, 0(t0)
	ret

/* puts(a0: NUL-terminated string); clobbers a0-a1, t0-t1 */
puts:
	mv	a1, a0
	mv	t2, ra
1:	lbu	a0, 0(a1)
	beqz	a0, 2f
	call	putc
	addi	a1, a1, 1
	j	1b
2:	mv	ra, t2
	ret

put_nl:
	lla	a0, msg_nl
	j	puts

/* "vectest <tag>: " */
put_tag:
	mv	t3, ra
	lla	a0, msg_tag
	call	puts
	mv	a0, s0
	call	putc
	lla	a0, msg_colon
	call	puts
	mv	ra, t3
	ret

/* put_dec(a0): unsigned decimal; clobbers a0-a3, t0-t4 */
put_dec:
	mv	t3, ra
	addi	sp, sp, -32
	mv	a2, sp				/* digits, least significant first */
	li	a3, 10
1:	remu	t4, a0, a3
	addi	t4, t4, '0'
	sb	t4, 0(a2)
	addi	a2, a2, 1
	divu	a0, a0, a3
	bnez	a0, 1b
2:	addi	a2, a2, -1
	lbu	a0, 0(a2)
	call	putc
	bne	a2, sp, 2b
	addi	sp, sp, 32
	mv	ra, t3
	ret

/* put_hex(a0): 0x and 16 hex digits; clobbers a0-a3, t0-t4 */
put_hex:
	mv	t3, ra
	mv	a2, a0
	li	a0, '0'
	call	putc
	li	a0, 'x'
	call	putc
	li	a3, 60
1:	srl	t4, a2, a3
	andi	t4, t4, 15
	lla	a0, hex_digits
	add	a0, a0, t4
	lbu	a0, 0(a0)
	call	putc
	addi	a3, a3, -4
	bgez	a3, 1b
	mv	ra, t3
	ret

	.section .rodata
hex_digits:	.ascii	"0123456789abcdef"
msg_tag:	.asciz	"vectest "
msg_colon:	.asciz	": "
msg_nl:		.asciz	"\r\n"
msg_vlenb:	.asciz	"vlenb "
msg_round:	.asciz	"round "
msg_ok:		.asciz	" ok\r\n"
msg_bad_reg:	.asciz	"MISMATCH v"
msg_found:	.asciz	" holds "
msg_wanted:	.asciz	" instead of "
msg_bad_csr:	.asciz	"MISMATCH vl, vtype, vxrm or vxsat\r\n"
msg_trap:	.asciz	"trap scause "
msg_sepc:	.asciz	" sepc "
