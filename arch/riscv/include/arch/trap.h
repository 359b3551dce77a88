/*
 * The frame that trap entry pushes on the interrupted thread's stack when
 * the trap comes from the hypervisor itself (HS-mode).  Guest traps are
 * saved in the vCPU instead (see arch/vcpu.h).
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#define TRAP_FRAME_SEPC		32
#define TRAP_FRAME_SSTATUS	33
#define TRAP_FRAME_SCAUSE	34
#define TRAP_FRAME_STVAL	35
#define TRAP_FRAME_WORDS	36
#define TRAP_FRAME_SIZE		(TRAP_FRAME_WORDS * 8)

#ifndef __ASSEMBLY__
struct trap_frame {
	unsigned long regs[32];	/* x0..x31; regs[2] is the interrupted sp */
	unsigned long sepc;
	unsigned long sstatus;
	unsigned long scause;
	unsigned long stval;
};

void host_trap_handler(struct trap_frame *f);
void arch_handle_irq(unsigned long cause);
void trap_init(void);
#endif

#endif
