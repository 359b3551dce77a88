/*
 * virtio-blk back-end (virtio_type 2): a vdisk "<guest>/<node>" whose host
 * block device comes from the region's `blkdev` property (empty or absent:
 * no media) or from `vdisk attach`.  Requests are served synchronously
 * when the guest notifies the queue: reads, writes, flush and get-id; a
 * write to a read-only backing, I/O without media or past the end, and a
 * data length that is not whole sectors complete with VIRTIO_BLK_S_IOERR;
 * unknown types with VIRTIO_BLK_S_UNSUPP.  A request too short to hold
 * its header and status fails the device.  Capacity changes on attach and
 * detach raise the configuration interrupt.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/vdisk.h>
#include <vmm/devtree.h>
#include <vmm/virtio.h>

#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_FLUSH	9

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_T_GET_ID	8

#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

#define VIRTIO_BLK_ID_BYTES	20
#define BLK_HDR_SIZE		16
#define BLK_BOUNCE_SECTORS	16
#define BLK_QUEUE_MAX		128

struct vblk {
	struct virtio_dev *vd;
	struct vdisk *disk;
	uint8_t *bounce;
	struct vq_chain chain;
	/* A read or write in progress: data bytes moved so far of len. */
	bool busy;
	bool write;
	uint64_t sector, off, len;
	uint8_t status;
};

static void vblk_changed(void *priv)
{
	struct vblk *b = priv;
	unsigned long flags = virtio_dev_lock(b->vd);

	virtio_dev_config_changed(b->vd);
	virtio_dev_unlock(b->vd, flags);
}

static uint32_t vblk_config(void *priv, uint8_t *cfg)
{
	struct vblk *b = priv;
	struct vdisk_info info;
	uint32_t seg_max = VQ_MAX_SEGS - 2;

	vdisk_get_info(b->disk, &info);
	for (int i = 0; i < 8; i++)
		cfg[i] = (uint8_t)(info.sectors >> (8 * i));
	for (int i = 0; i < 4; i++)
		cfg[12 + i] = (uint8_t)(seg_max >> (8 * i));
	return 24;
}

/* Move one bounce buffer of the read or write in progress: 0, or an
 * error that ends the request with VIRTIO_BLK_S_IOERR. */
static int vblk_rw_step(struct vblk *b, struct virtqueue *vq)
{
	const struct vq_chain *c = &b->chain;
	uint64_t n = b->len - b->off;
	uint32_t count;
	int rc;

	if (n > BLK_BOUNCE_SECTORS * VDISK_SECTOR_SIZE)
		n = BLK_BOUNCE_SECTORS * VDISK_SECTOR_SIZE;
	count = (uint32_t)(n / VDISK_SECTOR_SIZE);
	if (b->write) {
		if (vq_chain_read(vq, c, BLK_HDR_SIZE + b->off, b->bounce, n) != (long)n)
			return -EIO;
		rc = vdisk_write(b->disk, b->sector, count, b->bounce);
	} else {
		rc = vdisk_read(b->disk, b->sector, count, b->bounce);
		if (!rc && vq_chain_write(vq, c, b->off, b->bounce, n) != (long)n)
			return -EIO;
	}
	b->off += n;
	b->sector += count;
	return rc;
}

/* Start a read or write (b->busy) or answer any other request at once. */
static uint8_t vblk_request(struct vblk *b, struct virtqueue *vq, uint32_t *written)
{
	const char *node = strchr(virtio_dev_name(b->vd), '/') + 1;
	char id[VIRTIO_BLK_ID_BYTES] = { 0 };
	uint8_t hdr[BLK_HDR_SIZE];
	uint64_t sector = 0;
	uint32_t type;

	vq_chain_read(vq, &b->chain, 0, hdr, sizeof(hdr));
	type = hdr[0] | hdr[1] << 8 | hdr[2] << 16 | (uint32_t)hdr[3] << 24;
	for (int i = 7; i >= 0; i--)
		sector = (sector << 8) | hdr[8 + i];
	switch (type) {
	case VIRTIO_BLK_T_IN:
	case VIRTIO_BLK_T_OUT:
		b->write = type == VIRTIO_BLK_T_OUT;
		b->len = b->write ? b->chain.out_len - BLK_HDR_SIZE : b->chain.in_len - 1;
		if (b->len % VDISK_SECTOR_SIZE)
			return VIRTIO_BLK_S_IOERR;
		b->sector = sector;
		b->off = 0;
		b->busy = true;
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_FLUSH:
		return vdisk_flush(b->disk) ? VIRTIO_BLK_S_IOERR : VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_GET_ID:
		memcpy(id, node, strnlen(node, sizeof(id)));
		*written = b->chain.in_len - 1 < sizeof(id) ? (uint32_t)b->chain.in_len - 1 : sizeof(id);
		vq_chain_write(vq, &b->chain, 0, id, *written);
		return VIRTIO_BLK_S_OK;
	default:
		return VIRTIO_BLK_S_UNSUPP;
	}
}

/* Write the status byte and return the chain: false if the device failed. */
static bool vblk_complete(struct vblk *b, struct virtqueue *vq, unsigned int q, uint8_t status,
			  uint32_t written)
{
	b->busy = false;
	if (vq->broken || vq_chain_write(vq, &b->chain, b->chain.in_len - 1, &status, 1) != 1) {
		virtio_dev_fail(b->vd, "virtio-blk buffer outside guest RAM");
		return false;
	}
	virtio_dev_push(b->vd, q, b->chain.head, written + 1);
	return true;
}

static bool vblk_notify(void *priv, unsigned int q)
{
	struct vblk *b = priv;
	struct virtqueue *vq = virtio_dev_queue(b->vd, q);
	const uint64_t step = BLK_BOUNCE_SECTORS * VDISK_SECTOR_SIZE;
	uint64_t budget = VIRTIO_BUDGET;

	for (;;) {
		uint32_t written = 0;
		uint8_t status;

		if (!b->busy) {
			if (budget < VIRTIO_CHAIN_COST)
				return true;
			if (virtio_dev_pop(b->vd, q, &b->chain) != 1)
				return false;
			budget -= VIRTIO_CHAIN_COST;
			if (b->chain.out_len < BLK_HDR_SIZE || b->chain.in_len < 1) {
				virtio_dev_fail(b->vd, "virtio-blk request without header or status");
				return false;
			}
			status = vblk_request(b, vq, &written);
			if (!b->busy) {
				if (!vblk_complete(b, vq, q, status, written))
					return false;
				continue;
			}
		}
		status = VIRTIO_BLK_S_OK;
		while (b->off < b->len) {
			if (budget < step)
				return true;
			budget -= step;
			if (vblk_rw_step(b, vq)) {
				status = VIRTIO_BLK_S_IOERR;
				break;
			}
		}
		if (!vblk_complete(b, vq, q, status,
				   status == VIRTIO_BLK_S_OK && !b->write ? (uint32_t)b->len : 0))
			return false;
	}
}

static void vblk_reset(void *priv)
{
	((struct vblk *)priv)->busy = false;
}

static void vblk_remove(void *priv)
{
	struct vblk *b = priv;

	vdisk_destroy(b->disk);
	free(b->bounce);
	free(b);
}

static int vblk_probe(struct virtio_dev *vd, void **priv)
{
	const char *bdev = devtree_path_read_string(virtio_dev_node_path(vd), "blkdev");
	struct vblk *b = calloc(1, sizeof(*b));

	if (!b)
		return -ENOMEM;
	b->vd = vd;
	b->bounce = malloc(BLK_BOUNCE_SECTORS * VDISK_SECTOR_SIZE);
	b->disk = vdisk_create(virtio_dev_name(vd), vblk_changed, b);
	if (!b->bounce || !b->disk) {
		vblk_remove(b);
		return -ENOMEM;
	}
	if (bdev && *bdev && vdisk_attach(b->disk, bdev))
		printf("%s: cannot attach block device %s, no media\n", virtio_dev_name(vd), bdev);
	*priv = b;
	return 0;
}

VMM_VIRTIO_BACKEND(virtio_blk_backend) = {
	.name = "virtio-blk",
	.type = VIRTIO_ID_BLOCK,
	.num_queues = 1,
	.queue_max = BLK_QUEUE_MAX,
	.features = (1ULL << VIRTIO_BLK_F_SEG_MAX) | (1ULL << VIRTIO_BLK_F_FLUSH),
	.probe = vblk_probe,
	.remove = vblk_remove,
	.reset = vblk_reset,
	.config = vblk_config,
	.notify = vblk_notify,
};
