/*
 * Virtual serial ports: the registry of ports (in creation order), each
 * port's output FIFO that overwrites its oldest bytes while nobody is
 * attached, and its receivers.  Guest output arrives from vCPU threads on
 * any hart, so a port's FIFO and receiver list are guarded by a per-port
 * spinlock taken with interrupts masked; the registry has its own lock.
 * Draining the FIFO into a new receiver is done in chunks outside the
 * lock so a vCPU sending meanwhile is never held up for long.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/registry.h>
#include <vmm/spinlock.h>
#include <vmm/vserial.h>

#define DRAIN_CHUNK	128

struct vserial {
	char name[VSERIAL_NAME_MAX];
	spinlock_t lock;
	char *fifo;
	size_t size, head, count;	/* head: oldest byte */
	int (*rx)(void *priv, const char *buf, size_t len);
	void *priv;
	struct list_head receivers;
	struct list_head node;
};

static REGISTRY(vserials);

static bool name_matches(const struct list_head *node, const void *name)
{
	return !strcmp(list_entry(node, struct vserial, node)->name, name);
}

static bool guest_matches(const struct list_head *node, const void *guest)
{
	const char *name = list_entry(node, struct vserial, node)->name;
	size_t glen = strlen(guest);

	return !strncmp(name, guest, glen) && name[glen] == '/';
}

/* NULL on a bad or duplicate name or when out of memory. */
struct vserial *vserial_create(const char *name, size_t fifo_size,
			       int (*rx)(void *priv, const char *buf, size_t len), void *priv)
{
	struct vserial *vs;

	if (!name || !*name || strlen(name) >= VSERIAL_NAME_MAX || !fifo_size)
		return NULL;
	vs = calloc(1, sizeof(*vs));
	if (!vs)
		return NULL;
	vs->fifo = malloc(fifo_size);
	if (!vs->fifo) {
		free(vs);
		return NULL;
	}
	strcpy(vs->name, name);
	spin_lock_init(&vs->lock);
	vs->size = fifo_size;
	vs->rx = rx;
	vs->priv = priv;
	INIT_LIST_HEAD(&vs->receivers);

	if (registry_add(&vserials, &vs->node, name_matches, vs->name)) {
		free(vs->fifo);
		free(vs);
		return NULL;
	}
	return vs;
}

void vserial_destroy(struct vserial *vs)
{
	struct vserial_receiver *r;
	unsigned long flags;

	if (!vs)
		return;
	registry_del(&vserials, &vs->node);
	for (;;) {
		spin_lock_irqsave(&vs->lock, flags);
		r = list_empty(&vs->receivers) ? NULL :
			list_first_entry(&vs->receivers, struct vserial_receiver, node);
		if (r)
			list_del_init(&r->node);
		spin_unlock_irqrestore(&vs->lock, flags);
		if (!r)
			break;
		if (r->gone)
			r->gone(r);
	}
	free(vs->fifo);
	free(vs);
}

/* Append to the FIFO, overwriting the oldest bytes when full. */
static void fifo_put(struct vserial *vs, const char *buf, size_t len)
{
	if (len >= vs->size) {
		memcpy(vs->fifo, buf + len - vs->size, vs->size);
		vs->head = 0;
		vs->count = vs->size;
		return;
	}
	for (size_t i = 0; i < len; i++) {
		vs->fifo[(vs->head + vs->count) % vs->size] = buf[i];
		if (vs->count == vs->size)
			vs->head = (vs->head + 1) % vs->size;
		else
			vs->count++;
	}
}

static size_t fifo_get(struct vserial *vs, char *buf, size_t len)
{
	size_t n = len < vs->count ? len : vs->count;

	for (size_t i = 0; i < n; i++)
		buf[i] = vs->fifo[(vs->head + i) % vs->size];
	vs->head = (vs->head + n) % vs->size;
	vs->count -= n;
	return n;
}

void vserial_send(struct vserial *vs, const char *buf, size_t len)
{
	struct vserial_receiver *r;
	unsigned long flags;

	if (!vs || !len)
		return;
	spin_lock_irqsave(&vs->lock, flags);
	if (list_empty(&vs->receivers))
		fifo_put(vs, buf, len);
	else
		list_for_each_entry(r, &vs->receivers, node)
			r->out(r, buf, len);
	spin_unlock_irqrestore(&vs->lock, flags);
}

void vserial_attach(struct vserial *vs, struct vserial_receiver *r)
{
	char chunk[DRAIN_CHUNK];
	unsigned long flags;
	size_t n;

	for (;;) {
		spin_lock_irqsave(&vs->lock, flags);
		n = fifo_get(vs, chunk, sizeof(chunk));
		if (!n) {
			list_add_tail(&r->node, &vs->receivers);
			spin_unlock_irqrestore(&vs->lock, flags);
			return;
		}
		spin_unlock_irqrestore(&vs->lock, flags);
		r->out(r, chunk, n);
	}
}

void vserial_detach(struct vserial *vs, struct vserial_receiver *r)
{
	unsigned long flags;

	spin_lock_irqsave(&vs->lock, flags);
	list_del_init(&r->node);
	spin_unlock_irqrestore(&vs->lock, flags);
}

int vserial_receive(struct vserial *vs, const char *buf, size_t len)
{
	if (!vs->rx)
		return -ENOSYS;
	return vs->rx(vs->priv, buf, len);
}

static struct vserial *find(registry_match_t match, const char *key)
{
	struct list_head *node = registry_find(&vserials, match, key);

	return node ? list_entry(node, struct vserial, node) : NULL;
}

struct vserial *vserial_find(const char *name)
{
	return find(name_matches, name);
}

const char *vserial_name(const struct vserial *vs)
{
	return vs->name;
}

struct vserial *vserial_find_for_guest(const char *guest)
{
	return find(guest_matches, guest);
}

REGISTRY_DEFINE_FOR_EACH(vserial_for_each, vserials, struct vserial, node)
