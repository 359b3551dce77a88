/*
 * Thread objects: creation, the global thread list, blocking, waking and
 * sleeping.  The run-queue mechanics live in sched.c; this file owns a
 * thread's life cycle and state names.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <autoconf.h>
#include <vmm/thread.h>
#include <vmm/timer.h>

static LIST_HEAD(all_threads);
static spinlock_t threads_lock = SPINLOCK_INIT;
static unsigned int next_thread_id;

void sched_enqueue(struct thread *t);
void sched_exit(void) __attribute__((noreturn));

const char *thread_state_name(enum thread_state s)
{
	static const char *const names[] = {
		[THREAD_RESET] = "Reset", [THREAD_READY] = "Ready",
		[THREAD_RUNNING] = "Running", [THREAD_PAUSED] = "Paused",
		[THREAD_HALTED] = "Halted",
	};

	return s <= THREAD_HALTED ? names[s] : "Unknown";
}

void thread_entry(void (*fn)(void *), void *arg)
{
	sched_finish_switch();
	irq_enable();
	fn(arg);
	sched_exit();
}

static struct vmm_cpu *least_loaded_cpu(void)
{
	unsigned int counts[VMM_MAX_CPUS] = { 0 };
	struct vmm_cpu *best = &vmm_cpus[vmm_boot_cpu];
	struct thread *t;
	unsigned long flags;

	spin_lock_irqsave(&threads_lock, flags);
	list_for_each_entry(t, &all_threads, all_node)
		if (!t->is_idle && t->cpu)
			counts[t->cpu->id]++;
	spin_unlock_irqrestore(&threads_lock, flags);
	for (unsigned int i = 0; i < vmm_cpu_count; i++)
		if (vmm_cpus[i].online && counts[i] < counts[best->id])
			best = &vmm_cpus[i];
	return best;
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg,
			     struct vmm_cpu *cpu, int prio)
{
	struct thread *t = calloc(1, sizeof(*t));
	unsigned long flags;

	if (!t)
		return NULL;
	t->stack_size = CONFIG_THREAD_STACK_KB * 1024UL;
	t->stack = aligned_alloc(16, t->stack_size);
	if (!t->stack) {
		free(t);
		return NULL;
	}
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->fn = fn;
	t->arg = arg;
	t->prio = prio;
	t->state = THREAD_RESET;
	t->time_slice_ns = THREAD_DEFAULT_SLICE_NS;
	t->cpu = cpu ? cpu : least_loaded_cpu();
	t->affinity = ~0UL;
	INIT_LIST_HEAD(&t->rq_node);
	arch_context_init(&t->ctx, (char *)t->stack + t->stack_size, fn, arg);

	spin_lock_irqsave(&threads_lock, flags);
	t->id = next_thread_id++;
	list_add_tail(&t->all_node, &all_threads);
	spin_unlock_irqrestore(&threads_lock, flags);
	return t;
}

void thread_register_idle(struct thread *t)
{
	unsigned long flags;

	spin_lock_irqsave(&threads_lock, flags);
	t->id = next_thread_id++;
	list_add_tail(&t->all_node, &all_threads);
	spin_unlock_irqrestore(&threads_lock, flags);
}

void thread_start(struct thread *t)
{
	thread_wake(t);
}

void thread_wake(struct thread *t)
{
	if (t->state == THREAD_HALTED)
		return;
	sched_enqueue(t);
}


static void sleep_done(struct timer_event *ev)
{
	thread_wake(ev->priv);
}

void thread_sleep_ns(uint64_t ns)
{
	struct timer_event ev;
	unsigned long flags = irq_save();

	timer_event_init(&ev, sleep_done, thread_current());
	timer_event_start(&ev, ns);
	while (ev.armed)
		thread_block();
	irq_restore(flags);
}

void thread_for_each(void (*fn)(struct thread *t, void *arg), void *arg)
{
	struct thread *t;
	unsigned long flags;

	spin_lock_irqsave(&threads_lock, flags);
	list_for_each_entry(t, &all_threads, all_node)
		fn(t, arg);
	spin_unlock_irqrestore(&threads_lock, flags);
}

/*
 * Free a thread whose body has returned (state Halted) once its hart has
 * switched away from it.  Returns -EBUSY if it is still running.
 */
bool thread_ended(const struct thread *t)
{
	return t->state == THREAD_HALTED && __atomic_load_n(&t->off_cpu, __ATOMIC_ACQUIRE);
}

int thread_destroy(struct thread *t)
{
	unsigned long flags;

	if (!thread_ended(t))
		return -EBUSY;
	spin_lock_irqsave(&threads_lock, flags);
	list_del_init(&t->all_node);
	spin_unlock_irqrestore(&threads_lock, flags);
	free(t->stack);
	free(t);
	return 0;
}
