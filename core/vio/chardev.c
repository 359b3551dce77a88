/*
 * The character device registry (`chardev list`) and the blocking read
 * that every console consumer uses.
 */
#include <errno.h>
#include <string.h>
#include <vmm/chardev.h>
#include <vmm/thread.h>

#define POLL_INTERVAL_NS 5000000ULL

static LIST_HEAD(chardevs);
static spinlock_t chardevs_lock = SPINLOCK_INIT;

int chardev_register(struct chardev *cd)
{
	unsigned long flags;

	if (chardev_find(cd->name))
		return -EEXIST;
	waitq_init(&cd->rx_wait);
	spin_lock_irqsave(&chardevs_lock, flags);
	list_add_tail(&cd->node, &chardevs);
	spin_unlock_irqrestore(&chardevs_lock, flags);
	return 0;
}

struct chardev *chardev_find(const char *name)
{
	struct chardev *cd, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&chardevs_lock, flags);
	list_for_each_entry(cd, &chardevs, node)
		if (!strcmp(cd->name, name)) {
			found = cd;
			break;
		}
	spin_unlock_irqrestore(&chardevs_lock, flags);
	return found;
}

void chardev_for_each(void (*fn)(struct chardev *cd, void *arg), void *arg)
{
	struct chardev *cd;

	list_for_each_entry(cd, &chardevs, node)
		fn(cd, arg);
}

struct getc_state {
	struct chardev *cd;
	char c;
	bool got;
};

static bool try_read(void *arg)
{
	struct getc_state *s = arg;

	s->got = s->cd->read(s->cd, &s->c, 1) == 1;
	return s->got;
}

int chardev_getc(struct chardev *cd)
{
	struct getc_state s = { .cd = cd };

	if (!cd->read)
		return -ENOSYS;
	if (cd->rx_irq) {
		waitq_wait_event(&cd->rx_wait, try_read, &s);
	} else {
		while (!try_read(&s))
			thread_sleep_ns(POLL_INTERVAL_NS);
	}
	return (unsigned char)s.c;
}
