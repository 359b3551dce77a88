/*
 * Host CPUs (harts).  Each online hart has a struct vmm_cpu holding its
 * scheduler state (current thread, run queue, idle thread), its timer
 * event queue and its IPI mailbox.  this_cpu() is cheap (kept in a
 * register by the architecture).  Logical ids are dense, 0..count-1; the
 * hardware id (hartid) comes from the device tree.
 */
#ifndef VMM_SMP_H
#define VMM_SMP_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/list.h>
#include <vmm/spinlock.h>
#include <autoconf.h>

#define VMM_MAX_CPUS CONFIG_MAX_CPUS

#define IPI_RESCHED	(1UL << 0)
#define IPI_CALL	(1UL << 1)
#define IPI_KICK	(1UL << 2)	/* only interrupt: leave the guest */

struct thread;

/* Bytes at the start of struct vmm_cpu used as the C library's
 * thread-local block (errno): the hart's tp register points here. */
#define VMM_CPU_TLS_SIZE	32

struct vmm_cpu {
	uint64_t tls[VMM_CPU_TLS_SIZE / 8];	/* must stay first */
	unsigned int id;
	unsigned long hartid;
	bool present;
	bool online;
	const char *isa;
	int fdt_node;
	void *stack_top;

	spinlock_t rq_lock;
	struct list_head runq;
	struct thread *current;
	struct thread *idle;
	struct thread *migrating;	/* switched out, to move to another hart */
	struct thread *exited;		/* halted, being switched out for good */
	bool need_resched;
	uint64_t switch_count;
	uint64_t idle_ticks;
	uint64_t idle_since;

	spinlock_t timer_lock;
	struct list_head timers;

	unsigned long ipi_pending;
	spinlock_t call_lock;
	void (*call_fn)(void *arg);
	void *call_arg;
	volatile bool call_done;

	uint64_t irq_count;
	uint64_t ipi_count;
	uint64_t timer_irq_count;
};

extern struct vmm_cpu vmm_cpus[VMM_MAX_CPUS];
extern unsigned int vmm_cpu_count;
extern unsigned int vmm_boot_cpu;

/* this_cpu(): the current hart's struct vmm_cpu (arch/this_cpu.h). */
#include <arch/this_cpu.h>
struct vmm_cpu *cpu_by_hartid(unsigned long hartid);

/* Deliver IPIs through an interrupt controller (e.g. the IMSIC) instead
 * of the architecture's default (SBI); set once at boot. */
void smp_set_ipi_sender(void (*send)(struct vmm_cpu *cpu), const char *name);
/* How IPIs are delivered ("sbi", "imsic"), for `host irq stats`. */
const char *smp_ipi_method(void);
/* Post IPI reasons to a hart and interrupt it. */
void smp_send_ipi(struct vmm_cpu *cpu, unsigned long reasons);
/* Run fn(arg) on another online hart and wait for it to finish, serving
 * calls posted to this hart meanwhile; a target silent for 1 s is named
 * on the console ("smp: hart N has not answered ..."). */
void smp_call_on(struct vmm_cpu *cpu, void (*fn)(void *), void *arg);
/* Called by the architecture's software-interrupt handler. */
void smp_handle_ipi(void);

#endif
