/*
 * Character devices: host UARTs and anything else that moves bytes.  A
 * driver fills in write() (may busy-wait for room) and read() (never
 * blocks; returns how many bytes it had), and, if it receives by interrupt,
 * sets rx_irq and wakes rx_wait when input arrives.  chardev_getc() is the
 * blocking read every consumer uses: it sleeps on rx_wait, or polls every
 * few milliseconds on a device without receive interrupts.
 */
#ifndef VMM_CHARDEV_H
#define VMM_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <vmm/list.h>
#include <vmm/waitq.h>

struct chardev {
	char name[48];
	int (*write)(struct chardev *cd, const char *buf, size_t len);
	int (*read)(struct chardev *cd, char *buf, size_t len);
	bool rx_irq;
	struct waitq rx_wait;
	void *priv;
	struct list_head node;
};

int chardev_register(struct chardev *cd);
struct chardev *chardev_find(const char *name);
/* Walks under the registry lock: fn must not block (vmm/registry.h). */
void chardev_for_each(void (*fn)(struct chardev *cd, void *arg), void *arg);
int chardev_getc(struct chardev *cd);

#endif
