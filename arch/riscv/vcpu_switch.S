/*
 * The world switch.  arch_vcpu_run() saves the host's callee-saved
 * registers in the vCPU's register block, points sscratch at the block and
 * srets into the guest.  When the guest traps, trap_vector finds the block
 * in sscratch and jumps to vcpu_trap_entry, which saves the guest state
 * and the trap CSRs and calls vcpu_exit() on the host stack.  Most exits
 * end there: vcpu_exit() returns true and the guest is entered again
 * without the host's callee-saved registers being touched.  Only when it
 * returns false does arch_vcpu_run() return to the run loop.
 */
#include <arch/asm.h>
#include <arch/vcpu_regs.h>

#define G(n)	((n) * 8)

	.text
	.globl arch_vcpu_run
arch_vcpu_run:
	sd	ra, G(VR_HOST_RA)(a0)
	sd	sp, G(VR_HOST_SP)(a0)
	sd	gp, G(VR_HOST_GP)(a0)
	sd	s0, G(VR_HOST_S0 + 0)(a0)
	sd	s1, G(VR_HOST_S0 + 1)(a0)
	sd	s2, G(VR_HOST_S0 + 2)(a0)
	sd	s3, G(VR_HOST_S0 + 3)(a0)
	sd	s4, G(VR_HOST_S0 + 4)(a0)
	sd	s5, G(VR_HOST_S0 + 5)(a0)
	sd	s6, G(VR_HOST_S0 + 6)(a0)
	sd	s7, G(VR_HOST_S0 + 7)(a0)
	sd	s8, G(VR_HOST_S0 + 8)(a0)
	sd	s9, G(VR_HOST_S0 + 9)(a0)
	sd	s10, G(VR_HOST_S0 + 10)(a0)
	sd	s11, G(VR_HOST_S0 + 11)(a0)
	/* Entered from here again after a handled exit, on the same stack:
	 * tp is the hart's, and vcpu_exit() may have moved to another hart. */
enter_guest:
	sd	tp, G(VR_HOST_TP)(a0)

	ld	t0, G(VR_SEPC)(a0)
	csrw	CSR_SEPC, t0
	ld	t0, G(VR_SSTATUS)(a0)
	csrw	CSR_SSTATUS, t0
	ld	t0, G(VR_HSTATUS)(a0)
	csrw	CSR_HSTATUS, t0
	csrw	CSR_SSCRATCH, a0

	ld	ra, G(1)(a0)
	ld	sp, G(2)(a0)
	ld	gp, G(3)(a0)
	ld	tp, G(4)(a0)
	ld	t0, G(5)(a0)
	ld	t1, G(6)(a0)
	ld	t2, G(7)(a0)
	ld	s0, G(8)(a0)
	ld	s1, G(9)(a0)
	ld	a1, G(11)(a0)
	ld	a2, G(12)(a0)
	ld	a3, G(13)(a0)
	ld	a4, G(14)(a0)
	ld	a5, G(15)(a0)
	ld	a6, G(16)(a0)
	ld	a7, G(17)(a0)
	ld	s2, G(18)(a0)
	ld	s3, G(19)(a0)
	ld	s4, G(20)(a0)
	ld	s5, G(21)(a0)
	ld	s6, G(22)(a0)
	ld	s7, G(23)(a0)
	ld	s8, G(24)(a0)
	ld	s9, G(25)(a0)
	ld	s10, G(26)(a0)
	ld	s11, G(27)(a0)
	ld	t3, G(28)(a0)
	ld	t4, G(29)(a0)
	ld	t5, G(30)(a0)
	ld	t6, G(31)(a0)
	ld	a0, G(10)(a0)
	sret

	/* tp = register block, sscratch = the guest's tp. */
	.globl vcpu_trap_entry
vcpu_trap_entry:
	sd	ra, G(1)(tp)
	sd	sp, G(2)(tp)
	sd	gp, G(3)(tp)
	sd	t0, G(5)(tp)
	sd	t1, G(6)(tp)
	sd	t2, G(7)(tp)
	sd	s0, G(8)(tp)
	sd	s1, G(9)(tp)
	sd	a0, G(10)(tp)
	sd	a1, G(11)(tp)
	sd	a2, G(12)(tp)
	sd	a3, G(13)(tp)
	sd	a4, G(14)(tp)
	sd	a5, G(15)(tp)
	sd	a6, G(16)(tp)
	sd	a7, G(17)(tp)
	sd	s2, G(18)(tp)
	sd	s3, G(19)(tp)
	sd	s4, G(20)(tp)
	sd	s5, G(21)(tp)
	sd	s6, G(22)(tp)
	sd	s7, G(23)(tp)
	sd	s8, G(24)(tp)
	sd	s9, G(25)(tp)
	sd	s10, G(26)(tp)
	sd	s11, G(27)(tp)
	sd	t3, G(28)(tp)
	sd	t4, G(29)(tp)
	sd	t5, G(30)(tp)
	sd	t6, G(31)(tp)
	csrrw	t0, CSR_SSCRATCH, zero
	sd	t0, G(4)(tp)
	csrr	t0, CSR_SEPC
	sd	t0, G(VR_SEPC)(tp)
	csrr	t0, CSR_SSTATUS
	sd	t0, G(VR_SSTATUS)(tp)
	/* The host's own srets must return to HS-mode, not to a guest. */
	li	t1, HSTATUS_SPV
	csrrc	t0, CSR_HSTATUS, t1
	sd	t0, G(VR_HSTATUS)(tp)
	csrr	t0, CSR_SCAUSE
	sd	t0, G(VR_SCAUSE)(tp)
	csrr	t0, CSR_STVAL
	sd	t0, G(VR_STVAL)(tp)
	csrr	t0, CSR_HTVAL
	sd	t0, G(VR_HTVAL)(tp)
	csrr	t0, CSR_HTINST
	sd	t0, G(VR_HTINST)(tp)

	/* s0 (saved above) keeps the block across the call. */
	mv	s0, tp
	ld	sp, G(VR_HOST_SP)(s0)
	ld	gp, G(VR_HOST_GP)(s0)
	ld	tp, G(VR_HOST_TP)(s0)
	ld	a0, G(VR_VCPU)(s0)
	call	vcpu_exit
	mv	t0, a0
	mv	a0, s0
	bnez	t0, enter_guest

	ld	ra, G(VR_HOST_RA)(a0)
	ld	s0, G(VR_HOST_S0 + 0)(a0)
	ld	s1, G(VR_HOST_S0 + 1)(a0)
	ld	s2, G(VR_HOST_S0 + 2)(a0)
	ld	s3, G(VR_HOST_S0 + 3)(a0)
	ld	s4, G(VR_HOST_S0 + 4)(a0)
	ld	s5, G(VR_HOST_S0 + 5)(a0)
	ld	s6, G(VR_HOST_S0 + 6)(a0)
	ld	s7, G(VR_HOST_S0 + 7)(a0)
	ld	s8, G(VR_HOST_S0 + 8)(a0)
	ld	s9, G(VR_HOST_S0 + 9)(a0)
	ld	s10, G(VR_HOST_S0 + 10)(a0)
	ld	s11, G(VR_HOST_S0 + 11)(a0)
	ret
