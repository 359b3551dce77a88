/*
 * The register block of a vCPU as the world-switch code sees it: the
 * guest's general registers and trap CSRs, and the host registers that
 * arch_vcpu_run() must give back when the guest traps.  Offsets are in
 * 8-byte words and shared with vcpu_switch.S.
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
#define VR_WORDS	55

#ifndef __ASSEMBLY__
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
};

/* Enter the guest described by regs; returns when it traps, with the
 * trap's scause/stval/htval/htinst and the guest state saved in regs. */
void arch_vcpu_run(struct vcpu_regs *regs);
#endif

#endif
