/*
 * virtio-net back-end (virtio_type 1): one receive and one transmit queue,
 * the MAC and link status in config space (VIRTIO_NET_F_MAC, _STATUS; the
 * link is always up), no offloads, so frames are plain Ethernet behind the
 * virtio-net header (10 bytes legacy, 12 with VIRTIO_F_VERSION_1).  The
 * device is a netswitch port "<guest>/<node>" that joins the switch named
 * by the region's `switch` property when the guest is created, if that
 * switch exists (empty or unknown: unconnected, not an error).  The MAC is
 * the region's 6-byte `mac` property, else a locally administered address
 * hashed from the port name.
 *
 * Transmitted frames are sent on the port from the notify hook.  Frames
 * from the switch arrive while another device's lock is held, so the
 * receive callback only try-locks this device: on success the frame fills
 * the next posted receive buffer (dropped if none is posted); when the
 * lock is busy the frame waits in a small pending ring, flushed by this
 * device's next notify or by a short timer.  Frames arriving before the
 * driver is running are dropped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/netswitch.h>
#include <vmm/spinlock.h>
#include <vmm/timer.h>
#include <vmm/virtio.h>

#define VIRTIO_NET_F_MAC	5
#define VIRTIO_NET_F_STATUS	16
#define VIRTIO_NET_S_LINK_UP	1
#define NET_QUEUE_MAX		256
#define NET_RXQ			0
#define NET_TXQ			1
#define NET_HDR_LEGACY		10
#define NET_HDR_V1		12
#define NET_FRAME_MAX		1518	/* MTU 1500, VLAN tag included */
#define NET_PENDING		16
#define NET_RETRY_NS		20000
#define NET_F_VERSION_1		32

struct vnet_frame {
	uint16_t len;
	uint8_t data[NET_FRAME_MAX];
};

struct vnet {
	struct virtio_dev *vd;
	struct netport *port;
	uint8_t mac[NET_MAC_LEN];
	struct vq_chain chain;
	uint8_t tx[NET_HDR_V1 + NET_FRAME_MAX];
	spinlock_t pend_lock;		/* leaf: protects pend, npend, head */
	unsigned int pend_head, npend;
	struct vnet_frame pend[NET_PENDING];
	struct timer_event retry;
};

static unsigned int vnet_hdr_len(struct vnet *n)
{
	return (virtio_dev_features(n->vd) >> NET_F_VERSION_1) & 1 ? NET_HDR_V1 : NET_HDR_LEGACY;
}

static uint32_t vnet_config(void *priv, uint8_t *cfg)
{
	struct vnet *n = priv;

	memcpy(cfg, n->mac, NET_MAC_LEN);
	cfg[6] = VIRTIO_NET_S_LINK_UP;
	return 8;
}

/* With the device lock held: into the next receive buffer, or -ENOBUFS. */
static int vnet_receive_locked(struct vnet *n, const void *frame, size_t len)
{
	struct virtqueue *vq = virtio_dev_queue(n->vd, NET_RXQ);
	uint8_t hdr[NET_HDR_V1] = { 0 };
	unsigned int hlen = vnet_hdr_len(n);
	long a, b;

	if (!virtio_dev_running(n->vd) || !vq_ready(vq) ||
	    virtio_dev_pop(n->vd, NET_RXQ, &n->chain) != 1)
		return -ENOBUFS;
	if (n->chain.in_len < hlen + len) {
		virtio_dev_push(n->vd, NET_RXQ, n->chain.head, 0);
		return -EMSGSIZE;
	}
	hdr[10] = 1;	/* num_buffers, in the 12-byte header only */
	a = vq_chain_write(vq, &n->chain, 0, hdr, hlen);
	b = vq_chain_write(vq, &n->chain, hlen, frame, len);
	if (a < 0 || b < 0) {
		virtio_dev_fail(n->vd, "virtio-net buffer outside guest RAM");
		return -EIO;
	}
	virtio_dev_push(n->vd, NET_RXQ, n->chain.head, (uint32_t)(hlen + len));
	return 0;
}

/* With the device lock held: deliver the frames that waited for it. */
static void vnet_flush_pending_locked(struct vnet *n)
{
	struct vnet_frame *f;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&n->pend_lock, flags);
		if (!n->npend) {
			spin_unlock_irqrestore(&n->pend_lock, flags);
			return;
		}
		f = &n->pend[n->pend_head];
		spin_unlock_irqrestore(&n->pend_lock, flags);
		vnet_receive_locked(n, f->data, f->len);
		spin_lock_irqsave(&n->pend_lock, flags);
		n->pend_head = (n->pend_head + 1) % NET_PENDING;
		n->npend--;
		spin_unlock_irqrestore(&n->pend_lock, flags);
	}
}

static void vnet_retry(struct timer_event *ev)
{
	struct vnet *n = ev->priv;
	unsigned long flags = virtio_dev_lock(n->vd);

	vnet_flush_pending_locked(n);
	virtio_dev_unlock(n->vd, flags);
}

static int vnet_rx(void *priv, const void *frame, size_t len)
{
	struct vnet *n = priv;
	unsigned long flags;
	int rc = -ENOBUFS;

	if (len > NET_FRAME_MAX)
		return -EMSGSIZE;
	if (virtio_dev_trylock(n->vd, &flags)) {
		vnet_flush_pending_locked(n);
		rc = vnet_receive_locked(n, frame, len);
		virtio_dev_unlock(n->vd, flags);
		return rc;
	}
	spin_lock_irqsave(&n->pend_lock, flags);
	if (n->npend < NET_PENDING) {
		struct vnet_frame *f = &n->pend[(n->pend_head + n->npend) % NET_PENDING];

		memcpy(f->data, frame, len);
		f->len = (uint16_t)len;
		n->npend++;
		rc = 0;
		timer_event_start(&n->retry, NET_RETRY_NS);
	}
	spin_unlock_irqrestore(&n->pend_lock, flags);
	return rc;
}

/* One budget of frames (each a chain of at most one frame); true if more
 * may be left. */
static bool vnet_transmit(struct vnet *n)
{
	struct virtqueue *vq = virtio_dev_queue(n->vd, NET_TXQ);
	unsigned int hlen = vnet_hdr_len(n);
	uint64_t budget = VIRTIO_BUDGET;

	while (budget >= VIRTIO_CHAIN_COST + sizeof(n->tx)) {
		uint64_t len;
		long got;

		if (virtio_dev_pop(n->vd, NET_TXQ, &n->chain) != 1)
			return false;
		len = n->chain.out_len;
		budget -= VIRTIO_CHAIN_COST;
		if (len > hlen && len <= hlen + NET_FRAME_MAX) {
			got = vq_chain_read(vq, &n->chain, 0, n->tx, len);
			if (got < 0) {
				virtio_dev_fail(n->vd, "virtio-net buffer outside guest RAM");
				return false;
			}
			netport_send(n->port, n->tx + hlen, (size_t)got - hlen);
			budget -= len;
		}
		virtio_dev_push(n->vd, NET_TXQ, n->chain.head, 0);
	}
	return true;
}

static bool vnet_notify(void *priv, unsigned int q)
{
	struct vnet *n = priv;
	bool more = q == NET_TXQ && vnet_transmit(n);

	vnet_flush_pending_locked(n);
	return more;
}

static void vnet_reset(void *priv)
{
	struct vnet *n = priv;
	unsigned long flags;

	spin_lock_irqsave(&n->pend_lock, flags);
	n->npend = 0;
	spin_unlock_irqrestore(&n->pend_lock, flags);
}

static void vnet_remove(void *priv)
{
	struct vnet *n = priv;

	netport_destroy(n->port);
	timer_event_stop_sync(&n->retry);
	free(n);
}

/* FNV-1a of the port name into a locally administered unicast MAC. */
static void vnet_default_mac(const char *name, uint8_t *mac)
{
	uint32_t h = 2166136261u;

	for (; *name; name++)
		h = (h ^ (uint8_t)*name) * 16777619u;
	mac[0] = 0x52;
	mac[1] = 0x54;
	mac[2] = (uint8_t)(h >> 24);
	mac[3] = (uint8_t)(h >> 16);
	mac[4] = (uint8_t)(h >> 8);
	mac[5] = (uint8_t)h;
}

static void vnet_read_props(struct vnet *n, char *sw, size_t swlen)
{
	const char *path = virtio_dev_node_path(n->vd);
	const void *mac;
	const char *s;
	int node, len = 0;

	vnet_default_mac(virtio_dev_name(n->vd), n->mac);
	sw[0] = '\0';
	devtree_lock();
	node = devtree_path_offset(path);
	if (node >= 0) {
		mac = devtree_read_prop(node, "mac", &len);
		if (mac && len == NET_MAC_LEN)
			memcpy(n->mac, mac, NET_MAC_LEN);
		s = devtree_read_string(node, "switch");
		if (s)
			snprintf(sw, swlen, "%s", s);
	}
	devtree_unlock();
}

static int vnet_probe(struct virtio_dev *vd, void **priv)
{
	char sw[NETSWITCH_NAME_LEN + 1];
	struct vnet *n = calloc(1, sizeof(*n));

	if (!n)
		return -ENOMEM;
	n->vd = vd;
	spin_lock_init(&n->pend_lock);
	timer_event_init(&n->retry, vnet_retry, n);
	vnet_read_props(n, sw, sizeof(sw));
	n->port = netport_create(virtio_dev_name(vd), n->mac, vnet_rx, n);
	if (!n->port) {
		free(n);
		return -ENOMEM;
	}
	if (sw[0])
		netport_attach(n->port, sw);	/* unknown switch: unconnected */
	*priv = n;
	return 0;
}

VMM_VIRTIO_BACKEND(virtio_net_backend) = {
	.name = "virtio-net",
	.type = VIRTIO_ID_NET,
	.num_queues = 2,
	.queue_max = NET_QUEUE_MAX,
	.features = (1ULL << VIRTIO_NET_F_MAC) | (1ULL << VIRTIO_NET_F_STATUS),
	.probe = vnet_probe,
	.remove = vnet_remove,
	.reset = vnet_reset,
	.config = vnet_config,
	.notify = vnet_notify,
};
