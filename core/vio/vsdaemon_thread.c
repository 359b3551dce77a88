/*
 * The polling worker thread of chardev vsdaemons (vsdaemon_priv.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/thread.h>
#include "vsdaemon_priv.h"

#define POLL_NS		(10 * 1000000ULL)

struct vsdaemon_worker {
	struct thread *thread;
	bool (*pump)(void *arg);
	void *arg;
	volatile bool stop;
};

static void worker_main(void *arg)
{
	struct vsdaemon_worker *w = arg;

	while (!w->stop)
		if (!w->pump(w->arg))
			thread_sleep_ns(POLL_NS);
}

struct vsdaemon_worker *vsdaemon_worker_start(const char *name, bool (*pump)(void *arg),
					      void *arg)
{
	struct vsdaemon_worker *w = calloc(1, sizeof(*w));
	char tname[48];

	if (!w)
		return NULL;
	w->pump = pump;
	w->arg = arg;
	snprintf(tname, sizeof(tname), "vsdaemon/%s", name);
	w->thread = thread_create(tname, worker_main, w, NULL, THREAD_DEFAULT_PRIO);
	if (!w->thread) {
		free(w);
		return NULL;
	}
	thread_start(w->thread);
	return w;
}

void vsdaemon_worker_stop(struct vsdaemon_worker *w)
{
	w->stop = true;
	while (thread_destroy(w->thread) == -EBUSY)
		thread_sleep_ns(POLL_NS);
	free(w);
}
