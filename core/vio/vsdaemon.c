/*
 * vserial daemons (vmm/vsdaemon.h): a permanent receiver on a guest serial
 * port that forwards its output to the console (mterm) or to a host
 * character device (chardev), and for chardev a polling thread that types
 * what the device receives into the port.  The daemon list is only used
 * by the shell thread.  The port may go away under a daemon (guest
 * destroy): its gone() callback clears d->vs under d->lock, the lock the
 * input pump holds while it uses the port, so the pump never touches a
 * freed port.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/chardev.h>
#include <vmm/console.h>
#include <vmm/list.h>
#include <vmm/spinlock.h>
#include <vmm/vserial.h>
#include <vmm/vsdaemon.h>
#include "vsdaemon_priv.h"

#define PENDING_MAX	64

struct vsdaemon {
	char name[VSDAEMON_NAME_MAX];
	const char *transport;
	char vs_name[VSERIAL_NAME_MAX];
	struct vserial *vs;		/* NULL once the port is gone */
	spinlock_t lock;		/* guards vs against gone() */
	struct vserial_receiver rcv;
	struct vserial_deco deco;	/* mterm */
	struct chardev *cd;		/* chardev */
	struct vsdaemon_worker *worker;	/* chardev input pump */
	char pending[PENDING_MAX];	/* received, not yet taken by the port */
	size_t pending_off, pending_len;
	struct list_head node;
};

const char *const vsdaemon_transports[] = { "mterm", "chardev", NULL };

static LIST_HEAD(daemons);

static struct vsdaemon *find(const char *name)
{
	struct vsdaemon *d;

	list_for_each_entry(d, &daemons, node)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

static void console_emit(void *arg, const char *buf, size_t len)
{
	(void)arg;
	console_write_raw(buf, len);
}

static void mterm_out(struct vserial_receiver *r, const char *buf, size_t len)
{
	struct vsdaemon *d = container_of(r, struct vsdaemon, rcv);

	vserial_deco_feed(&d->deco, buf, len);
}

static void chardev_out(struct vserial_receiver *r, const char *buf, size_t len)
{
	struct vsdaemon *d = container_of(r, struct vsdaemon, rcv);

	d->cd->write(d->cd, buf, len);
}

static void port_gone(struct vserial_receiver *r)
{
	struct vsdaemon *d = container_of(r, struct vsdaemon, rcv);
	unsigned long flags;

	spin_lock_irqsave(&d->lock, flags);
	d->vs = NULL;
	spin_unlock_irqrestore(&d->lock, flags);
}

static bool pump(void *arg)
{
	struct vsdaemon *d = arg;
	unsigned long flags;
	int n;

	if (!d->pending_len) {
		n = d->cd->read(d->cd, d->pending, sizeof(d->pending));
		if (n <= 0)
			return false;
		d->pending_off = 0;
		d->pending_len = n;
	}
	spin_lock_irqsave(&d->lock, flags);
	/* without a port (or an rx), input is dropped */
	n = d->vs ? vserial_receive(d->vs, d->pending + d->pending_off, d->pending_len) : -ENODEV;
	spin_unlock_irqrestore(&d->lock, flags);
	if (n < 0)
		n = d->pending_len;
	d->pending_off += n;
	d->pending_len -= n;
	return n > 0;
}

static bool chardev_taken(const struct chardev *cd)
{
	struct vsdaemon *d;

	list_for_each_entry(d, &daemons, node)
		if (d->cd == cd)
			return true;
	return false;
}

/* The chardev transport's device; 0 or an error after a line. */
static int setup_chardev(struct vsdaemon *d, const char *chardev)
{
	d->cd = chardev ? chardev_find(chardev) : NULL;
	if (!d->cd) {
		printf("Error: no character device named %s\n", chardev ? chardev : "(none)");
		return -ENOENT;
	}
	if (d->cd == console_get_device() || chardev_taken(d->cd)) {
		printf("Error: character device %s is %s\n", chardev,
		       d->cd == console_get_device() ? "the console" : "used by another vsdaemon");
		return -EBUSY;
	}
	if (!d->cd->read || !d->cd->write) {
		printf("Error: character device %s cannot both read and write\n", chardev);
		return -EINVAL;
	}
	d->rcv.out = chardev_out;
	return 0;
}

int vsdaemon_create(const char *transport, const char *vserial, const char *name,
		    const char *chardev)
{
	struct vsdaemon *d;
	int rc = 0;

	if (strlen(name) >= VSDAEMON_NAME_MAX || find(name)) {
		printf("Error: vsdaemon name %s is %s\n", name, find(name) ? "taken" : "too long");
		return find(name) ? -EEXIST : -EINVAL;
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		printf("Error: no memory for vsdaemon %s\n", name);
		return -ENOMEM;
	}
	snprintf(d->name, sizeof(d->name), "%s", name);
	spin_lock_init(&d->lock);
	d->vs = vserial_find(vserial);
	if (!d->vs) {
		printf("Error: no virtual serial port named %s\n", vserial);
		rc = -ENOENT;
	} else if (!strcmp(transport, "mterm")) {
		d->transport = vsdaemon_transports[0];
		d->rcv.out = mterm_out;
		vserial_deco_init(&d->deco, vserial_name(d->vs), console_emit, NULL);
	} else if (!strcmp(transport, "chardev")) {
		d->transport = vsdaemon_transports[1];
		rc = setup_chardev(d, chardev);
	} else {
		printf("Error: no vsdaemon transport named %s\n", transport);
		rc = -ENOENT;
	}
	if (rc) {
		free(d);
		return rc;
	}
	snprintf(d->vs_name, sizeof(d->vs_name), "%s", vserial_name(d->vs));
	d->rcv.gone = port_gone;
	if (d->cd) {
		d->worker = vsdaemon_worker_start(d->name, pump, d);
		if (!d->worker) {
			printf("Error: no memory for the thread of vsdaemon %s\n", d->name);
			free(d);
			return -ENOMEM;
		}
	}
	list_add_tail(&d->node, &daemons);
	vserial_attach(d->vs, &d->rcv);
	return 0;
}

int vsdaemon_destroy(const char *name)
{
	struct vsdaemon *d = find(name);

	if (!d) {
		printf("Error: no vsdaemon named %s\n", name);
		return -ENOENT;
	}
	if (d->worker)
		vsdaemon_worker_stop(d->worker);
	if (d->vs)
		vserial_detach(d->vs, &d->rcv);
	list_del_init(&d->node);
	free(d);
	return 0;
}

int vsdaemon_get(unsigned int idx, struct vsdaemon_info *out)
{
	struct vsdaemon *d;

	list_for_each_entry(d, &daemons, node) {
		if (idx--)
			continue;
		memset(out, 0, sizeof(*out));
		snprintf(out->name, sizeof(out->name), "%s", d->name);
		out->transport = d->transport;
		if (d->vs)
			snprintf(out->vserial, sizeof(out->vserial), "%s", d->vs_name);
		if (d->cd)
			snprintf(out->chardev, sizeof(out->chardev), "%s", d->cd->name);
		return 0;
	}
	return -ENOENT;
}
