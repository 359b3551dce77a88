/*
 * The per-hart scheduler: a FIFO run queue per hart served round robin,
 * a time slice enforced by a per-hart timer event, and an idle thread that
 * waits for interrupts when nothing is runnable.  Threads never migrate on
 * their own; remote wake-ups enqueue on the thread's hart under its lock
 * and send that hart a reschedule IPI.  A thread asked to move
 * (thread_migrate) is switched out on its old hart and handed to the new
 * one only after its context is saved (sched_finish_switch); likewise a
 * thread whose body returned counts as ended (thread_ended, so it may be
 * freed) only once the switch away from it is complete.  The time a
 * thread waits on a run queue adds up in its wait_ticks (the steal time of
 * a vCPU, SBI STA).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/thread.h>
#include <vmm/timer.h>

void thread_register_idle(struct thread *t);

/* How long a thread runs before a woken thread may preempt it. */
#define WAKEUP_GRANULARITY_NS	1000000ULL

static struct thread idle_threads[VMM_MAX_CPUS];
static struct timer_event slice_events[VMM_MAX_CPUS];

struct thread *thread_current(void)
{
	return this_cpu()->current;
}

static void slice_expired(struct timer_event *ev)
{
	struct vmm_cpu *cpu = ev->priv;

	cpu->need_resched = true;
}

void sched_enqueue(struct thread *t)
{
	struct vmm_cpu *cpu;
	unsigned long flags;
	bool kick = false;

	for (;;) {
		cpu = t->cpu;
		spin_lock_irqsave(&cpu->rq_lock, flags);
		if (cpu == t->cpu)
			break;
		spin_unlock_irqrestore(&cpu->rq_lock, flags);
	}
	if (t->state != THREAD_HALTED) {
		if (t == cpu->current) {
			t->wake_pending = true;
			t->state = THREAD_RUNNING;
		} else if (!t->on_rq) {
			list_add_tail(&t->rq_node, &cpu->runq);
			t->on_rq = true;
			t->ready_since = timer_ticks();
			t->state = THREAD_READY;
			/* Wake-up preemption: a woken thread does not wait out a
			 * whole slice behind one that has already run a while. */
			kick = cpu->current == cpu->idle ||
			       timer_ticks() - cpu->current->last_start > timer_ns_to_ticks(WAKEUP_GRANULARITY_NS);
		}
	}
	spin_unlock_irqrestore(&cpu->rq_lock, flags);
	if (!kick)
		return;
	if (cpu == this_cpu())
		cpu->need_resched = true;
	else
		smp_send_ipi(cpu, IPI_RESCHED);
}

int thread_migrate(struct thread *t, struct vmm_cpu *to)
{
	struct vmm_cpu *from;
	unsigned long flags;
	bool queued;

	if (t->is_idle || !to->online)
		return -EINVAL;
	for (;;) {
		from = t->cpu;
		spin_lock_irqsave(&from->rq_lock, flags);
		if (from == t->cpu)
			break;
		spin_unlock_irqrestore(&from->rq_lock, flags);
	}
	if (t->migrate_to || t == from->current) {
		/* Running, or switched out and not yet handed over: the
		 * hand-over in sched_finish_switch() takes the new target. */
		if (!t->migrate_to && to == from) {
			spin_unlock_irqrestore(&from->rq_lock, flags);
			return 0;
		}
		t->migrate_to = to;
		spin_unlock_irqrestore(&from->rq_lock, flags);
		if (from == this_cpu())
			from->need_resched = true;
		else
			smp_send_ipi(from, IPI_RESCHED);
		return 0;
	}
	queued = t->on_rq;
	if (queued) {
		list_del_init(&t->rq_node);
		t->on_rq = false;
	}
	t->cpu = to;
	spin_unlock_irqrestore(&from->rq_lock, flags);
	if (queued)
		sched_enqueue(t);
	return 0;
}

void sched_finish_switch(void)
{
	struct vmm_cpu *cpu = this_cpu();
	struct thread *t = cpu->migrating;
	unsigned long flags;
	bool ready;

	/* Only now is an ended thread's context saved and its stack left. */
	if (cpu->exited) {
		__atomic_store_n(&cpu->exited->off_cpu, true, __ATOMIC_RELEASE);
		cpu->exited = NULL;
	}
	if (!t)
		return;
	cpu->migrating = NULL;
	spin_lock_irqsave(&cpu->rq_lock, flags);
	/* A wake-up may have queued it here meanwhile. */
	if (t->on_rq) {
		list_del_init(&t->rq_node);
		t->on_rq = false;
	}
	ready = t->state == THREAD_READY;
	t->cpu = t->migrate_to;
	t->migrate_to = NULL;
	spin_unlock_irqrestore(&cpu->rq_lock, flags);
	if (ready)
		sched_enqueue(t);
}

void thread_block(void)
{
	struct thread *t = thread_current();
	struct vmm_cpu *cpu = t->cpu;
	unsigned long flags;

	spin_lock_irqsave(&cpu->rq_lock, flags);
	if (t->wake_pending) {
		t->wake_pending = false;
		spin_unlock_irqrestore(&cpu->rq_lock, flags);
		return;
	}
	t->state = THREAD_PAUSED;
	spin_unlock_irqrestore(&cpu->rq_lock, flags);
	schedule();
}

/*
 * cpu->current changes under the run-queue lock, together with prev's
 * state: a waker on another hart either sees prev still current and marks
 * it running again (this schedule() then queues it), or sees it switched
 * out and queues it itself.  Interrupts stay masked until
 * the switch is done, so no interrupt on this hart sees current = next
 * while prev's stack is still in use.
 */
void schedule(void)
{
	struct vmm_cpu *cpu = this_cpu();
	struct thread *prev = cpu->current, *next;
	unsigned long flags = irq_save();
	uint64_t now;

	spin_lock(&cpu->rq_lock);
	now = timer_ticks();
	if (prev->is_idle) {
		prev->state = THREAD_READY;
	} else if (prev->migrate_to) {
		if (prev->state == THREAD_RUNNING)
			prev->state = THREAD_READY;
		cpu->migrating = prev;
	} else if (prev->state == THREAD_RUNNING) {
		prev->state = THREAD_READY;
		list_add_tail(&prev->rq_node, &cpu->runq);
		prev->on_rq = true;
		prev->ready_since = now;
	}
	prev->wake_pending = false;
	if (list_empty(&cpu->runq)) {
		next = cpu->idle;
	} else {
		next = list_first_entry(&cpu->runq, struct thread, rq_node);
		list_del_init(&next->rq_node);
		next->on_rq = false;
		next->wait_ticks += now - next->ready_since;
	}
	next->state = THREAD_RUNNING;
	cpu->need_resched = false;
	if (next != prev) {
		prev->run_ticks += now - prev->last_start;
		next->last_start = now;
		next->switches++;
		cpu->switch_count++;
		cpu->current = next;
		if (prev->state == THREAD_HALTED)
			cpu->exited = prev;
	}
	spin_unlock(&cpu->rq_lock);

	/* A running thread always has a slice deadline, so a thread woken
	 * later on this hart gets its turn within one slice. */
	if (!next->is_idle)
		timer_event_start(&slice_events[cpu->id], next->time_slice_ns);
	else
		timer_event_stop(&slice_events[cpu->id]);
	if (next != prev) {
		arch_context_switch(&prev->ctx, &next->ctx);
		sched_finish_switch();
	}
	irq_restore(flags);
}

/*
 * The current thread's body returned.  It halts under the run-queue lock:
 * a wake-up racing with the end (sched_enqueue) then either came first and
 * is overwritten, or comes later and sees the thread halted.  Otherwise
 * the wake-up could mark the thread running again, schedule() would pick
 * it once more, and it would never count as ended.
 */
void sched_exit(void)
{
	struct vmm_cpu *cpu = this_cpu();
	struct thread *t = cpu->current;

	irq_disable();
	spin_lock(&cpu->rq_lock);
	t->state = THREAD_HALTED;
	t->wake_pending = false;
	spin_unlock(&cpu->rq_lock);
	schedule();
	__builtin_unreachable();
}

void sched_irq_exit(void)
{
	if (this_cpu()->need_resched)
		schedule();
}

/* The current boot context of a hart becomes its idle thread. */
void sched_init_cpu(struct vmm_cpu *cpu)
{
	struct thread *idle = &idle_threads[cpu->id];

	spin_lock_init(&cpu->rq_lock);
	INIT_LIST_HEAD(&cpu->runq);
	snprintf(idle->name, sizeof(idle->name), "idle/%u", cpu->id);
	idle->is_idle = true;
	idle->prio = 0;
	idle->cpu = cpu;
	idle->state = THREAD_RUNNING;
	idle->time_slice_ns = THREAD_DEFAULT_SLICE_NS;
	INIT_LIST_HEAD(&idle->rq_node);
	cpu->idle = idle;
	cpu->current = idle;
	timer_event_init(&slice_events[cpu->id], slice_expired, cpu);
	thread_register_idle(idle);
}

void sched_start(void)
{
	struct vmm_cpu *cpu = this_cpu();

	irq_enable();
	for (;;) {
		irq_disable();
		if (list_empty(&cpu->runq) && !cpu->need_resched) {
			uint64_t t0 = timer_ticks();

			cpu_wait_for_interrupt();
			cpu->idle_ticks += timer_ticks() - t0;
		}
		irq_enable();
		irq_disable();
		schedule();
		irq_enable();
	}
}
