/*
 * Time and timer events.  Time is counted in timebase ticks
 * (timer_ticks()) and converted to and from nanoseconds.  Timer events are
 * one-shot callbacks queued per hart in deadline order; the architecture
 * timer is programmed for the earliest one only (tickless).  Callbacks run
 * in interrupt context on the hart that armed them.
 */
#ifndef VMM_TIMER_H
#define VMM_TIMER_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/list.h>

struct vmm_cpu;

struct timer_event {
	uint64_t deadline;	/* timebase ticks */
	void (*fn)(struct timer_event *ev);
	void *priv;
	bool armed;
	volatile bool running;	/* its callback is running right now */
	struct vmm_cpu *cpu;
	struct list_head node;
};

extern uint64_t timer_freq_hz;

uint64_t timer_ticks(void);
uint64_t timer_ns(void);
uint64_t timer_ns_to_ticks(uint64_t ns);
uint64_t timer_ticks_to_ns(uint64_t ticks);

void timer_event_init(struct timer_event *ev, void (*fn)(struct timer_event *), void *priv);
/* Arm (or re-arm) on the current hart, ns from now. */
void timer_event_start(struct timer_event *ev, uint64_t ns);
void timer_event_start_at(struct timer_event *ev, uint64_t deadline_ticks);
void timer_event_stop(struct timer_event *ev);
/* Stop ev and wait until its callback is not running on any hart (and has
 * not re-armed it), so its memory may be freed.  Never call it from the
 * callback itself. */
void timer_event_stop_sync(struct timer_event *ev);
/* Called by the architecture's timer interrupt. */
void timer_events_handle(void);

#endif
