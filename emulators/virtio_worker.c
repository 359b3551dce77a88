/*
 * The worker thread of a virtio-mmio device: it sleeps until a doorbell
 * marks a queue pending, then serves the pending queues one budget at a
 * time (virtio_dev_serve_locked), holding the device lock (interrupts
 * masked) for one budget only, so the scheduler can preempt it between
 * budgets: a guest that keeps its rings full costs the hart one more
 * time-sliced thread.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/guest.h>
#include <vmm/thread.h>
#include <vmm/vcpu.h>

#include "virtio_dev.h"

#define WORKER_STOP_POLL_NS	100000
#define WORKER_STOP_POLLS	100000	/* 10 s */

static void worker_main(void *arg)
{
	struct virtio_dev *vd = arg;

	for (;;) {
		unsigned long flags = irq_save();

		while (!__atomic_load_n(&vd->pending, __ATOMIC_ACQUIRE) &&
		       !__atomic_load_n(&vd->worker_stop, __ATOMIC_ACQUIRE))
			thread_block();
		irq_restore(flags);
		if (__atomic_load_n(&vd->worker_stop, __ATOMIC_ACQUIRE))
			return;
		/* One budget per queue, then interrupts are open again and the
		 * scheduler may preempt us; work left stays pending. */
		flags = virtio_dev_lock(vd);
		virtio_dev_serve_locked(vd);
		virtio_dev_unlock(vd, flags);
	}
}

int virtio_worker_start(struct virtio_dev *vd)
{
	struct vcpu *v = vcpu_find(vd->guest, 0);

	vd->worker = thread_create(vd->name, worker_main, vd, v ? v->thread->cpu : NULL,
				   THREAD_DEFAULT_PRIO);
	if (!vd->worker)
		return -ENOMEM;
	if (v)
		vd->worker->affinity = v->thread->affinity;
	thread_start(vd->worker);
	return 0;
}

void virtio_worker_kick(struct virtio_dev *vd)
{
	thread_wake(vd->worker);
}

bool virtio_worker_stop(struct virtio_dev *vd)
{
	if (!vd->worker)
		return true;
	__atomic_store_n(&vd->worker_stop, true, __ATOMIC_RELEASE);
	for (unsigned int i = 0; thread_destroy(vd->worker); i++) {
		if (i == WORKER_STOP_POLLS) {
			printf("Error: %s: worker did not stop; the device is kept\n", vd->name);
			return false;
		}
		thread_wake(vd->worker);
		thread_sleep_ns(WORKER_STOP_POLL_NS);
	}
	vd->worker = NULL;
	return true;
}
