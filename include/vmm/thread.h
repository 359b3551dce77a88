/*
 * Threads and the scheduler.  Everything the hypervisor runs is a thread
 * bound to one hart at a time: the per-hart idle threads, the shell,
 * workers and guest vCPUs; thread_migrate() moves one to another hart.  Each hart has a FIFO run queue served round robin with a
 * time slice; a thread blocks on a wait queue or a timer and is made
 * runnable again by a wake-up, possibly from another hart (which then
 * gets a reschedule IPI).  States use Xvisor's names as shown by
 * `thread list` / `vcpu list`: Reset, Ready, Running, Paused, Halted.
 */
#ifndef VMM_THREAD_H
#define VMM_THREAD_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/list.h>
#include <vmm/smp.h>
#include <arch/context.h>

enum thread_state {
	THREAD_RESET,
	THREAD_READY,
	THREAD_RUNNING,
	THREAD_PAUSED,
	THREAD_HALTED,
};

#define THREAD_DEFAULT_PRIO	3
#define THREAD_DEFAULT_SLICE_NS	10000000ULL

struct thread {
	char name[32];
	unsigned int id;
	int prio;
	enum thread_state state;
	bool on_rq;
	bool wake_pending;
	bool is_idle;
	bool is_vcpu;
	bool off_cpu;		/* halted and its context switch finished */
	struct vmm_cpu *cpu;
	struct vmm_cpu *migrate_to;	/* move to this hart at its next switch */
	unsigned long affinity;		/* harts it may run on (bit per cpu id) */
	struct arch_context ctx;
	void *stack;
	unsigned long stack_size;
	void (*fn)(void *arg);
	void *arg;
	uint64_t time_slice_ns;
	uint64_t run_ticks;
	uint64_t wait_ticks;		/* runnable but not running (steal time) */
	uint64_t ready_since;		/* queued at this time (on_rq) */
	uint64_t last_start;
	uint64_t switches;
	void *priv;
	struct list_head rq_node;
	struct list_head all_node;
};

/* Create a thread on the given hart (NULL = the least loaded), in Reset. */
struct thread *thread_create(const char *name, void (*fn)(void *), void *arg,
			     struct vmm_cpu *cpu, int prio);
/* Make a Reset/Paused thread runnable. */
void thread_start(struct thread *t);
/* Block the current thread until thread_wake(); call with IRQs masked
 * and any lock protecting the condition released by the caller. */
void thread_block(void);
/* Make a blocked (Paused) thread Ready again; safe from IRQ context and
 * from other harts. */
void thread_wake(struct thread *t);
void thread_sleep_ns(uint64_t ns);
/* Move a thread to another hart; a running thread moves when its hart
 * next switches away from it.  -EINVAL for idle threads or offline harts. */
int thread_migrate(struct thread *t, struct vmm_cpu *to);
/* Whether t's body returned and its hart has switched away from it for
 * good (its stack and context are no longer touched). */
bool thread_ended(const struct thread *t);
/* Free a thread that has ended; -EBUSY until then. */
int thread_destroy(struct thread *t);
struct thread *thread_current(void);
const char *thread_state_name(enum thread_state s);

/* Iterate over all threads (for listings) under the thread-list lock. */
void thread_for_each(void (*fn)(struct thread *t, void *arg), void *arg);

/* Scheduler entry points. */
void sched_init_cpu(struct vmm_cpu *cpu);
void schedule(void);
/* Called at the end of an interrupt: switch if a reschedule is due. */
void sched_irq_exit(void);
void sched_start(void) __attribute__((noreturn));
/* Run by every thread right after it is switched in (and at its start). */
void sched_finish_switch(void);

#endif
