/*
 * The register block of a vCPU as the world-switch code sees it: the
 * guest's general registers and trap CSRs, the host registers that
 * arch_vcpu_run() must give back when it returns, and the vCPU the block
 * belongs to (passed to vcpu_exit()).  Offsets are in 8-byte words and
 * shared with vcpu_switch.S.
 */
#ifndef ARCH_VCPU_REGS_H
#define ARCH_VCPU_REGS_H

#define VR_SEPC		32
#define VR_SSTATUS	33
#define VR_HSTATUS	34
#define VR_SCAUSE	35
#define VR_STVAL	36
#define VR_HTVAL	37
#define VR_HTINST	38
#define VR_HOST_RA	39
#define VR_HOST_SP	40
#define VR_HOST_GP	41
#define VR_HOST_TP	42
#define VR_HOST_S0	43	/* s0..s11: 43..54 */
#define VR_VCPU		55
#define VR_WORDS	56

#ifndef __ASSEMBLY__
#include <stdbool.h>

struct vcpu;

struct vcpu_regs {
	unsigned long x[32];	/* x[0] unused */
	unsigned long sepc;
	unsigned long sstatus;
	unsigned long hstatus;
	unsigned long scause;
	unsigned long stval;
	unsigned long htval;
	unsigned long htinst;
	unsigned long host[16];
	struct vcpu *vcpu;
};

/*
 * Enter the guest described by regs.  Each trap saves the guest state and
 * the trap CSRs in regs and calls vcpu_exit() on the host stack, which
 * handles the exit: when it returns true the guest is entered again at
 * once, when false arch_vcpu_run() returns.
 */
void arch_vcpu_run(struct vcpu_regs *regs);
bool vcpu_exit(struct vcpu *v);
#endif

#endif
