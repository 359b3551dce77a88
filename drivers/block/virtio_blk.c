/*
 * Host virtio-blk driver over virtio-mmio (QEMU's `-device
 * virtio-blk-device`): each disk becomes a block device vda, vdb, ... in
 * probe order, with its MBR/GPT partitions registered after it (vda1,
 * ...).  One request is in flight per disk; callers queue for the disk on
 * a wait queue and sleep until the completion interrupt (PLIC or APLIC,
 * whichever irq chip the host has).  Callers that cannot sleep (the
 * partition scan at probe time, a guest's virtio-blk back-end attached to
 * this disk with `vdisk attach`) poll the ring instead.  Writes are
 * made durable by flush, which is a FLUSH request when the device has a
 * write cache (VIRTIO_BLK_F_FLUSH) and nothing otherwise.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <libfdt.h>
#include <vmm/blockdev.h>
#include <vmm/driver.h>
#include <vmm/irq.h>
#include <vmm/irqflags.h>
#include <vmm/partition.h>
#include <vmm/waitq.h>
#include "virtio_mmio_host.h"

#define VIRTIO_ID_BLOCK		2
#define BLK_F_RO		(1ull << 5)
#define BLK_F_FLUSH		(1ull << 9)
#define BLK_T_IN		0
#define BLK_T_OUT		1
#define BLK_T_FLUSH		4
#define BLK_S_OK		0
#define DESC_F_WRITE		2
#define MAX_REQ_BLOCKS		512	/* 256 KiB per request */

struct blk_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

/* One request, on its issuer's stack (identity mapped, so the device can
 * write the status byte there). */
struct vreq {
	struct blk_hdr hdr;
	volatile uint8_t status;
	bool done;
};

struct vblk {
	struct blockdev bdev;
	struct vmh_dev vmh;
	struct waitq wq;	/* its lock also guards cur */
	struct vreq *cur;	/* the request in flight, NULL when idle */
	bool use_irq;
	char desc[48];
};

struct waiter {
	struct vblk *vb;
	struct vreq *req;
};

static int disk_count;

/* With the wait-queue lock held: finish the request in flight if the
 * device has returned it; true if one was finished. */
static bool reap(struct vblk *vb)
{
	if (!vb->cur || !vmh_done(&vb->vmh))
		return false;
	vb->cur->done = true;
	vb->cur = NULL;
	return true;
}

static bool claim(void *arg)
{
	struct waiter *w = arg;

	reap(w->vb);
	if (w->vb->cur)
		return false;
	w->vb->cur = w->req;
	return true;
}

static bool finished(void *arg)
{
	struct waiter *w = arg;

	reap(w->vb);
	return w->req->done;
}

/* Wait for cond: asleep when the caller may sleep, else by polling the
 * ring (the interrupt cannot arrive here), waking sleepers whose request
 * the polling finished. */
static void wait_for(struct vblk *vb, bool sleep, bool (*cond)(void *), struct waiter *w)
{
	unsigned long flags;
	bool ok;

	if (sleep) {
		waitq_wait_event(&vb->wq, cond, w);
		return;
	}
	do {
		spin_lock_irqsave(&vb->wq.lock, flags);
		ok = cond(w);
		spin_unlock_irqrestore(&vb->wq.lock, flags);
	} while (!ok);
	waitq_wake_all(&vb->wq);
}

/*
 * One request: header, optional data buffer, status byte.  A caller that
 * may not sleep (interrupts off: a guest's virtio back-end holding its
 * device lock, or the probe before the interrupt is wired) polls; so that
 * it never waits for a sleeping thread to run, a request is finished by
 * whoever sees it complete (interrupt handler or poller).
 */
static int do_request(struct vblk *vb, uint32_t type, uint64_t lba, void *buf,
		      uint32_t len)
{
	struct vreq req = { .hdr = { .type = type, .sector = lba }, .status = 0xff };
	struct waiter w = { vb, &req };
	struct vmh_desc *d = vb->vmh.desc;
	unsigned long flags = irq_save();
	bool sleep = vb->use_irq && flags;
	unsigned int n = 0;

	irq_restore(flags);
	wait_for(vb, sleep, claim, &w);
	d[n++] = (struct vmh_desc){ .addr = (uintptr_t)&req.hdr, .len = sizeof(req.hdr) };
	if (len)
		d[n++] = (struct vmh_desc){ .addr = (uintptr_t)buf, .len = len,
					    .flags = type == BLK_T_IN ? DESC_F_WRITE : 0 };
	d[n++] = (struct vmh_desc){ .addr = (uintptr_t)&req.status, .len = 1,
				    .flags = DESC_F_WRITE };
	vmh_submit(&vb->vmh, n);
	wait_for(vb, sleep, finished, &w);
	return req.status == BLK_S_OK ? 0 : -EIO;
}

static int vblk_rw(struct blockdev *dev, uint32_t type, uint64_t lba,
		   uint32_t count, uint8_t *buf)
{
	if (lba > dev->block_count || count > dev->block_count - lba)
		return -EINVAL;
	while (count) {
		uint32_t n = count < MAX_REQ_BLOCKS ? count : MAX_REQ_BLOCKS;
		int rc = do_request(dev->priv, type, lba, buf, n * BLOCKDEV_BLOCK_SIZE);

		if (rc)
			return rc;
		lba += n;
		buf += (size_t)n * BLOCKDEV_BLOCK_SIZE;
		count -= n;
	}
	return 0;
}

static int vblk_read(struct blockdev *dev, uint64_t lba, uint32_t count, void *buf)
{
	return vblk_rw(dev, BLK_T_IN, lba, count, buf);
}

static int vblk_write(struct blockdev *dev, uint64_t lba, uint32_t count,
		      const void *buf)
{
	return vblk_rw(dev, BLK_T_OUT, lba, count, (uint8_t *)buf);
}

static int vblk_flush(struct blockdev *dev)
{
	struct vblk *vb = dev->priv;

	if (!(vb->vmh.features & BLK_F_FLUSH))
		return 0;
	return do_request(vb, BLK_T_FLUSH, 0, NULL, 0);
}

static void vblk_irq(unsigned int irq, void *dev)
{
	struct vblk *vb = dev;

	(void)irq;
	vmh_irq_ack(&vb->vmh);
	spin_lock(&vb->wq.lock);
	reap(vb);
	spin_unlock(&vb->wq.lock);
	waitq_wake_all(&vb->wq);
}

static int vblk_probe(const void *fdt, int node)
{
	unsigned int irq = fdt_node_irq(fdt, node);
	struct vblk *vb;
	uint64_t base;
	int rc;

	if (fdt_node_reg(fdt, node, 0, &base, NULL))
		return -EINVAL;
	vb = calloc(1, sizeof(*vb));
	if (!vb)
		return -ENOMEM;
	rc = vmh_probe(&vb->vmh, base);
	if (rc || vb->vmh.device_id != VIRTIO_ID_BLOCK) {
		free(vb);	/* an empty slot or another device type */
		return rc;
	}
	rc = vmh_start(&vb->vmh, BLK_F_RO | BLK_F_FLUSH);
	if (rc)
		goto fail;
	waitq_init(&vb->wq);
	snprintf(vb->bdev.name, sizeof(vb->bdev.name), "vd%c", 'a' + disk_count);
	snprintf(vb->desc, sizeof(vb->desc), "virtio-blk@%llx%s",
		 (unsigned long long)base,
		 vb->vmh.features & BLK_F_FLUSH ? " write-back" : "");
	vb->bdev.desc = vb->desc;
	vb->bdev.block_size = BLOCKDEV_BLOCK_SIZE;
	vb->bdev.block_count = vmh_config(&vb->vmh, 0, 8);
	vb->bdev.readonly = vb->vmh.features & BLK_F_RO;
	vb->bdev.read = vblk_read;
	vb->bdev.write = vblk_write;
	vb->bdev.flush = vblk_flush;
	vb->bdev.priv = vb;
	rc = blockdev_register(&vb->bdev);
	if (rc)
		goto fail;
	disk_count++;
	partition_scan(&vb->bdev);
	if (irq && irq_get_chip() && !irq_register(irq, vb->bdev.name, vblk_irq, vb))
		vb->use_irq = true;
	else
		printf("INIT: %s: no interrupt, completion is polled\n", vb->bdev.name);
	return 0;
fail:
	vmh_stop(&vb->vmh);
	free(vb);
	return rc;
}

static const char *const vblk_compat[] = { "virtio,mmio", NULL };
VMM_DRIVER(virtio_blk_driver) = {
	.name = "virtio-blk",
	.compatible = vblk_compat,
	.stage = DRIVER_STAGE_DEVICE,
	.probe = vblk_probe,
};
