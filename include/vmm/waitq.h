/*
 * Wait queues: threads sleep until another thread or an interrupt handler
 * wakes them.  waitq_wait_event() re-checks its condition after every
 * wake-up, so spurious wake-ups are harmless.
 */
#ifndef VMM_WAITQ_H
#define VMM_WAITQ_H

#include <stdbool.h>
#include <vmm/list.h>
#include <vmm/spinlock.h>

struct waitq {
	spinlock_t lock;
	struct list_head waiters;
};

struct waitq_entry {
	struct thread *thread;
	struct list_head node;
};

#define WAITQ_INIT(name)                                                                           \
	{                                                                                          \
		.lock = SPINLOCK_INIT, .waiters = LIST_HEAD_INIT((name).waiters)                   \
	}

void waitq_init(struct waitq *wq);
/* Sleep until cond(arg) is true. */
void waitq_wait_event(struct waitq *wq, bool (*cond)(void *arg), void *arg);
void waitq_wake_all(struct waitq *wq);

#endif
