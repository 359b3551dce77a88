/*
 * virtio-console back-end (virtio_type 3): one port, no multiport, as a
 * vserial port "<guest>/<node>" with a 1024-byte FIFO (so `vserial list`,
 * `bind` and `dump` reach it like a UART).  Transmit-queue buffers go to
 * the port as they are notified; input typed into the port fills one
 * receive-queue buffer at a time.  Input arriving before the driver is
 * running is dropped; with the driver running but no receive buffer
 * posted, the port is told to retry later.  The emergency-write config
 * register (VIRTIO_CONSOLE_F_EMERG_WRITE) sends one character.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/virtio.h>
#include <vmm/vserial.h>

#define VIRTIO_CONSOLE_F_EMERG_WRITE	2
#define CONSOLE_FIFO		1024
#define CONSOLE_QUEUE_MAX	64
#define CONSOLE_RXQ		0
#define CONSOLE_TXQ		1
#define CONSOLE_CFG_EMERG_WR	8
#define CONSOLE_CHUNK		256

struct vcon {
	struct virtio_dev *vd;
	struct vserial *vs;
	struct vq_chain chain;		/* receive: one buffer at a time */
	struct vq_chain tx;		/* transmit chain in progress */
	bool tx_busy;
	uint64_t tx_off;
};

static uint32_t vcon_config(void *priv, uint8_t *cfg)
{
	(void)priv;
	cfg[4] = 1;		/* max_nr_ports */
	return 12;
}

static void vcon_config_write(void *priv, uint32_t off, unsigned int width, uint64_t val)
{
	struct vcon *c = priv;
	char ch = (char)val;

	if (off == CONSOLE_CFG_EMERG_WR && width == 4)
		vserial_send(c->vs, &ch, 1);
}

/* One budget of transmission; true if more is left. */
static bool vcon_transmit(struct vcon *c)
{
	struct virtqueue *vq = virtio_dev_queue(c->vd, CONSOLE_TXQ);
	char buf[CONSOLE_CHUNK];
	uint64_t budget = VIRTIO_BUDGET;

	for (;;) {
		if (!c->tx_busy) {
			if (budget < VIRTIO_CHAIN_COST)
				return true;
			if (virtio_dev_pop(c->vd, CONSOLE_TXQ, &c->tx) != 1)
				return false;
			budget -= VIRTIO_CHAIN_COST;
			c->tx_busy = true;
			c->tx_off = 0;
		}
		while (c->tx_off < c->tx.out_len) {
			long n;

			if (budget < sizeof(buf))
				return true;
			n = vq_chain_read(vq, &c->tx, c->tx_off, buf, sizeof(buf));
			if (n <= 0) {
				c->tx_busy = false;
				virtio_dev_fail(c->vd, "virtio-console buffer outside guest RAM");
				return false;
			}
			vserial_send(c->vs, buf, (size_t)n);
			c->tx_off += (uint64_t)n;
			budget -= sizeof(buf);
		}
		c->tx_busy = false;
		virtio_dev_push(c->vd, CONSOLE_TXQ, c->tx.head, 0);
	}
}

static bool vcon_notify(void *priv, unsigned int q)
{
	return q == CONSOLE_TXQ && vcon_transmit(priv);
}

static void vcon_reset(void *priv)
{
	((struct vcon *)priv)->tx_busy = false;
}

static int vcon_rx(void *priv, const char *buf, size_t len)
{
	struct vcon *c = priv;
	unsigned long flags = virtio_dev_lock(c->vd);
	struct virtqueue *vq = virtio_dev_queue(c->vd, CONSOLE_RXQ);
	long n = (long)len;

	if (virtio_dev_running(c->vd) && vq_ready(vq)) {
		n = 0;
		if (virtio_dev_pop(c->vd, CONSOLE_RXQ, &c->chain) == 1) {
			n = vq_chain_write(vq, &c->chain, 0, buf, len);
			if (n < 0)
				virtio_dev_fail(c->vd, "virtio-console buffer outside guest RAM");
			else
				virtio_dev_push(c->vd, CONSOLE_RXQ, c->chain.head, (uint32_t)n);
		}
	}
	virtio_dev_unlock(c->vd, flags);
	return n < 0 ? (int)len : (int)n;
}

static void vcon_remove(void *priv)
{
	struct vcon *c = priv;

	vserial_destroy(c->vs);
	free(c);
}

static int vcon_probe(struct virtio_dev *vd, void **priv)
{
	struct vcon *c = calloc(1, sizeof(*c));

	if (!c)
		return -ENOMEM;
	c->vd = vd;
	c->vs = vserial_create(virtio_dev_name(vd), CONSOLE_FIFO, vcon_rx, c);
	if (!c->vs) {
		free(c);
		return -ENOMEM;
	}
	*priv = c;
	return 0;
}

VMM_VIRTIO_BACKEND(virtio_console_backend) = {
	.name = "virtio-console",
	.type = VIRTIO_ID_CONSOLE,
	.num_queues = 2,
	.queue_max = CONSOLE_QUEUE_MAX,
	.features = 1ULL << VIRTIO_CONSOLE_F_EMERG_WRITE,
	.probe = vcon_probe,
	.remove = vcon_remove,
	.reset = vcon_reset,
	.config = vcon_config,
	.config_write = vcon_config_write,
	.notify = vcon_notify,
};
