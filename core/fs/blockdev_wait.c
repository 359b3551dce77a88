/*
 * Waiting for a block device to appear ("vfs mount <bdev> <path> <wait_s>"):
 * poll the registry every 100 ms, sleeping the calling thread in between.
 */
#include <vmm/blockdev.h>
#include <vmm/thread.h>

#define WAIT_STEP_NS	100000000ull

struct blockdev *blockdev_wait(const char *name, unsigned long secs)
{
	struct blockdev *d = blockdev_find(name);

	for (unsigned long i = 0; !d && i < secs * 10; i++) {
		thread_sleep_ns(WAIT_STEP_NS);
		d = blockdev_find(name);
	}
	return d;
}
