/*
 * Virtual CPUs.  Each vCPU is a thread whose body enters the guest, handles
 * the trap it comes back with, and enters again; only blocking exits (WFI
 * with nothing pending, pause, halt, the end of a time slice) go through
 * the scheduler.  Its name is "<guest>/vcpu<k>" and k is also the guest
 * hart id.  Interrupts for the guest are posted with vcpu_irq_assert()
 * from any hart: the vCPU is woken (or kicked out of the guest) to see
 * them.
 */
#ifndef VMM_VCPU_H
#define VMM_VCPU_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/guest.h>
#include <vmm/thread.h>
#include <vmm/timer.h>

struct guest;

enum vcpu_state {
	VCPU_RESET,	/* stopped, as after reset or SBI hart_stop */
	VCPU_RUNNING,	/* started: Ready or Running (or waiting in WFI) */
	VCPU_PAUSED,	/* paused by the user */
	VCPU_HALTED,	/* stopped for good by an error or `halt` */
};

/* SBI counters: one per SBI extension table entry, the last for unknown EIDs. */
#define VCPU_SBI_SLOTS		65

/*
 * Exit statistics.  Only the vCPU's own thread writes them, on the exit
 * path, as plain counters (no locks); readers may see a count a little old.
 */
struct vcpu_stats {
	uint64_t exits, sbi_calls, mmio_reads, mmio_writes, wfi, irqs, csr_traps;
	uint64_t irqs_injected;			/* VS interrupts raised by the hypervisor */
	uint64_t guest_ticks;			/* timer ticks spent in the guest */
	uint64_t mmio[GUEST_MAX_REGIONS];	/* accesses by guest region index */
	uint64_t sbi[VCPU_SBI_SLOTS];		/* calls by SBI extension */
};

struct vcpu {
	char name[48];
	unsigned int index;		/* guest hart id */
	struct guest *guest;
	struct thread *thread;
	char node_path[128];		/* /guests/<g>/vcpus/vcpu<k> */
	enum vcpu_state state;
	bool poweroff;			/* not started by guest kick */
	uint64_t start_pc;
	uint64_t isa;			/* isa_set_t of the vCPU */
	uint64_t sbi_disabled;		/* bit per SBI extension table entry */
	volatile unsigned long irq_pending;	/* VS interrupt bits to raise */
	volatile unsigned long irq_clear;	/* VS interrupt bits to lower */
	volatile bool reset_pending;	/* reload registers before running */
	volatile bool exit_requested;	/* the thread ends (guest destroy) */
	uint64_t reset_pc, reset_a1;
	volatile bool in_guest;		/* between entry and exit right now */
	struct timer_event timer;	/* SBI TIME timer when not using Sstc */
	struct vcpu_stats stats;
	void *arch;			/* struct vcpu_arch */
};

/* Post/clear a VS-level interrupt (2 VSSIP, 6 VSTIP, 10 VSEIP). */
void vcpu_irq_assert(struct vcpu *v, unsigned int irq);
void vcpu_irq_deassert(struct vcpu *v, unsigned int irq);

/* Start a stopped vCPU at pc with a0 = hart id, a1 = arg (SBI HSM). */
int vcpu_hart_start(struct vcpu *v, uint64_t pc, uint64_t arg);
/* The current vCPU stops itself (SBI HSM hart_stop). */
void vcpu_hart_stop(struct vcpu *v);
/* The current vCPU sleeps until an interrupt is pending (WFI, suspend). */
void vcpu_wait_for_irq(struct vcpu *v);

int vcpu_pause(struct vcpu *v);
int vcpu_resume(struct vcpu *v);
int vcpu_halt(struct vcpu *v, const char *why);
int vcpu_reset(struct vcpu *v);
const char *vcpu_state_name(const struct vcpu *v);

struct vcpu *vcpu_current(void);
void vcpu_dump_regs(struct vcpu *v);
/*
 * Print the state and exit statistics: totals, time in the guest and in the
 * hypervisor, and the non-zero counts by SBI extension and by MMIO device.
 */
void vcpu_dump_stats(struct vcpu *v);

#endif
