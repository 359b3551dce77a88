/*
 * The character device registry (`chardev list`) and the blocking read
 * that every console consumer uses.
 */
#include <errno.h>
#include <string.h>
#include <vmm/chardev.h>
#include <vmm/registry.h>
#include <vmm/thread.h>

#define POLL_INTERVAL_NS 5000000ULL

static REGISTRY(chardevs);

static bool name_matches(const struct list_head *node, const void *name)
{
	return !strcmp(list_entry(node, struct chardev, node)->name, name);
}

int chardev_register(struct chardev *cd)
{
	waitq_init(&cd->rx_wait);
	return registry_add(&chardevs, &cd->node, name_matches, cd->name);
}

struct chardev *chardev_find(const char *name)
{
	struct list_head *node = registry_find(&chardevs, name_matches, name);

	return node ? list_entry(node, struct chardev, node) : NULL;
}

REGISTRY_DEFINE_FOR_EACH(chardev_for_each, chardevs, struct chardev, node)

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
