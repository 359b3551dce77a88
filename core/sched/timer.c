/*
 * Timer events: per-hart queues of one-shot callbacks kept in deadline
 * order.  Only the earliest deadline is programmed into the hardware
 * (tickless); the timer interrupt runs every expired callback and
 * re-programs the next.  Time conversions between ticks and ns live here.
 */
#include <vmm/smp.h>
#include <vmm/timer.h>
#include <vmm/arch_timer.h>

uint64_t timer_freq_hz = 10000000;

uint64_t timer_ticks(void)
{
	return arch_timer_ticks();
}

uint64_t timer_ns_to_ticks(uint64_t ns)
{
	return (uint64_t)((unsigned __int128)ns * timer_freq_hz / 1000000000ULL);
}

uint64_t timer_ticks_to_ns(uint64_t ticks)
{
	return (uint64_t)((unsigned __int128)ticks * 1000000000ULL / timer_freq_hz);
}

uint64_t timer_ns(void)
{
	return timer_ticks_to_ns(timer_ticks());
}

void timer_event_init(struct timer_event *ev, void (*fn)(struct timer_event *), void *priv)
{
	ev->fn = fn;
	ev->priv = priv;
	ev->armed = false;
	ev->running = false;
	ev->cpu = NULL;
	INIT_LIST_HEAD(&ev->node);
}

/*
 * Program the hart's compare no further than TIMER_MAX_SLEEP_NS ahead, even
 * with no event (or only far ones) queued.  An idle hart then wakes once a
 * second for nothing, but a platform whose idle time jumps to the next
 * deadline (QEMU's -icount ...,sleep=off) never jumps to the end of time,
 * where its own clocks, the UART's included, stop.
 */
#define TIMER_MAX_SLEEP_NS 1000000000ULL

static void program(uint64_t deadline)
{
	uint64_t limit = timer_ticks() + timer_ns_to_ticks(TIMER_MAX_SLEEP_NS);

	arch_timer_program(deadline < limit ? deadline : limit);
}

static void program_next(struct vmm_cpu *cpu)
{
	if (list_empty(&cpu->timers))
		program(UINT64_MAX);
	else
		program(list_first_entry(&cpu->timers, struct timer_event, node)->deadline);
}

static void __event_stop(struct timer_event *ev)
{
	if (ev->armed) {
		list_del_init(&ev->node);
		ev->armed = false;
	}
}

void timer_event_stop(struct timer_event *ev)
{
	struct vmm_cpu *cpu = ev->cpu;
	unsigned long flags;

	if (!cpu)
		return;
	spin_lock_irqsave(&cpu->timer_lock, flags);
	__event_stop(ev);
	spin_unlock_irqrestore(&cpu->timer_lock, flags);
}

void timer_event_stop_sync(struct timer_event *ev)
{
	do {
		timer_event_stop(ev);
		while (__atomic_load_n(&ev->running, __ATOMIC_ACQUIRE))
			;
	} while (ev->armed);
}

void timer_event_start_at(struct timer_event *ev, uint64_t deadline)
{
	struct vmm_cpu *cpu;
	struct timer_event *pos;
	unsigned long flags;

	timer_event_stop(ev);
	/* Masked first, so the thread cannot move to another hart here. */
	flags = irq_save();
	cpu = this_cpu();
	spin_lock(&cpu->timer_lock);
	ev->cpu = cpu;
	ev->deadline = deadline;
	list_for_each_entry(pos, &cpu->timers, node)
		if (pos->deadline > deadline)
			break;
	list_add_tail(&ev->node, &pos->node);
	ev->armed = true;
	if (cpu->timers.next == &ev->node)
		program(deadline);
	spin_unlock_irqrestore(&cpu->timer_lock, flags);
}

void timer_event_start(struct timer_event *ev, uint64_t ns)
{
	timer_event_start_at(ev, timer_ticks() + timer_ns_to_ticks(ns));
}

void timer_events_handle(void)
{
	struct vmm_cpu *cpu = this_cpu();
	struct timer_event *ev;

	cpu->timer_irq_count++;
	spin_lock(&cpu->timer_lock);
	while (!list_empty(&cpu->timers)) {
		ev = list_first_entry(&cpu->timers, struct timer_event, node);
		if (ev->deadline > timer_ticks())
			break;
		__event_stop(ev);
		ev->running = true;
		spin_unlock(&cpu->timer_lock);
		ev->fn(ev);
		spin_lock(&cpu->timer_lock);
		ev->running = false;
	}
	program_next(cpu);
	spin_unlock(&cpu->timer_lock);
}
