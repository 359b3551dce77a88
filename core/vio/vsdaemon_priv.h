/*
 * The polling worker behind a chardev vsdaemon (core/vio/vsdaemon_thread.c,
 * kept apart so host unit tests can fake the scheduler): a thread that
 * calls pump(arg) until stopped, sleeping a few milliseconds whenever
 * pump() moved nothing.
 */
#ifndef VSDAEMON_PRIV_H
#define VSDAEMON_PRIV_H

#include <stdbool.h>

struct vsdaemon_worker;

/* Create and start the thread; NULL if out of memory. */
struct vsdaemon_worker *vsdaemon_worker_start(const char *name, bool (*pump)(void *arg),
					      void *arg);
/* Stop the thread, wait until it has finished and free it. */
void vsdaemon_worker_stop(struct vsdaemon_worker *w);

#endif
