/*
 * Wait queues.  A waiter links an entry on its own stack into the queue,
 * re-checks its condition under the queue lock and blocks; waking removes
 * every entry and makes its thread runnable.
 */
#include <vmm/thread.h>
#include <vmm/waitq.h>

void waitq_init(struct waitq *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->waiters);
}

void waitq_wait_event(struct waitq *wq, bool (*cond)(void *arg), void *arg)
{
	struct waitq_entry e = { .thread = thread_current() };
	unsigned long flags;

	INIT_LIST_HEAD(&e.node);
	for (;;) {
		spin_lock_irqsave(&wq->lock, flags);
		if (cond(arg)) {
			list_del_init(&e.node);
			spin_unlock_irqrestore(&wq->lock, flags);
			return;
		}
		if (list_empty(&e.node))
			list_add_tail(&e.node, &wq->waiters);
		spin_unlock(&wq->lock);
		thread_block();
		irq_restore(flags);
	}
}

void waitq_wake_all(struct waitq *wq)
{
	struct waitq_entry *e, *n;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry_safe(e, n, &wq->waiters, node) {
		list_del_init(&e->node);
		thread_wake(e->thread);
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}
