/*
 * virtio-rng back-end (virtio_type 4, beyond Xvisor): every writable
 * buffer posted on its one queue is filled from vmm/entropy.h, so a guest
 * Linux gets /dev/hwrng.  The source in use is printed when the device is
 * created.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/entropy.h>
#include <vmm/virtio.h>

#define RNG_QUEUE_MAX	64
#define RNG_CHUNK	256

struct vrng {
	struct virtio_dev *vd;
	struct vq_chain chain;
	bool busy;		/* chain taken, off bytes filled so far */
	uint64_t off;
};

static uint32_t vrng_config(void *priv, uint8_t *cfg)
{
	(void)priv;
	(void)cfg;
	return 0;
}

static bool vrng_notify(void *priv, unsigned int q)
{
	struct vrng *r = priv;
	struct virtqueue *vq = virtio_dev_queue(r->vd, q);
	uint8_t buf[RNG_CHUNK];
	uint64_t budget = VIRTIO_BUDGET;

	for (;;) {
		if (!r->busy) {
			if (budget < VIRTIO_CHAIN_COST)
				return true;
			if (virtio_dev_pop(r->vd, q, &r->chain) != 1)
				return false;
			budget -= VIRTIO_CHAIN_COST;
			r->busy = true;
			r->off = 0;
		}
		while (r->off < r->chain.in_len) {
			long n;

			if (budget < sizeof(buf))
				return true;
			entropy_fill(buf, sizeof(buf));
			n = vq_chain_write(vq, &r->chain, r->off, buf, sizeof(buf));
			if (n <= 0) {
				r->busy = false;
				virtio_dev_fail(r->vd, "virtio-rng buffer outside guest RAM");
				return false;
			}
			r->off += (uint64_t)n;
			budget -= sizeof(buf);
		}
		r->busy = false;
		virtio_dev_push(r->vd, q, r->chain.head, (uint32_t)r->off);
	}
}

static void vrng_reset(void *priv)
{
	((struct vrng *)priv)->busy = false;
}

static void vrng_remove(void *priv)
{
	free(priv);
}

static int vrng_probe(struct virtio_dev *vd, void **priv)
{
	struct vrng *r = calloc(1, sizeof(*r));

	if (!r)
		return -ENOMEM;
	r->vd = vd;
	printf("%s: entropy from %s\n", virtio_dev_name(vd), entropy_source());
	*priv = r;
	return 0;
}

VMM_VIRTIO_BACKEND(virtio_rng_backend) = {
	.name = "virtio-rng",
	.type = VIRTIO_ID_RNG,
	.num_queues = 1,
	.queue_max = RNG_QUEUE_MAX,
	.probe = vrng_probe,
	.remove = vrng_remove,
	.reset = vrng_reset,
	.config = vrng_config,
	.notify = vrng_notify,
};
