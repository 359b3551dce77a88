/*
 * virtio-mmio transport (`virtio,mmio`): the register file of a region.
 * The legacy layout (version 1, QueuePFN/QueueAlign/GuestPageSize) is the
 * default; a region property `virtio_version = <2>` selects the modern
 * layout (QueueReady, QueueDesc/Driver/Device, FEATURES_OK checking
 * VIRTIO_F_VERSION_1, ConfigGeneration).  Magic 0x74726976, vendor
 * 0x52535658, device ID = `virtio_type` if a back-end implements it, else
 * 0 (an empty slot that guests probe past; writes ignored).  Common
 * registers are written 32 bits at a time only; reads of them may also
 * be narrower (side-effect free, so a byte-wise hexdump works).  The
 * config space at 0x100 takes any naturally aligned width.  Queues are
 * placed and checked by core/vio/virtqueue.c; a ring outside guest RAM fails
 * the device (DEVICE_NEEDS_RESET) instead of being used.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>

#include "regs32.h"
#include "virtio_dev.h"

#define VIRTIO_MMIO_MAGIC	0x74726976	/* "virt" */
#define VIRTIO_MMIO_VENDOR	0x52535658	/* "XVSR" */

enum {
	REG_MAGIC = 0x000, REG_VERSION = 0x004, REG_DEVICE_ID = 0x008, REG_VENDOR_ID = 0x00c,
	REG_DEV_FEATURES = 0x010, REG_DEV_FEATURES_SEL = 0x014,
	REG_DRV_FEATURES = 0x020, REG_DRV_FEATURES_SEL = 0x024,
	REG_GUEST_PAGE_SIZE = 0x028, REG_QUEUE_SEL = 0x030, REG_QUEUE_NUM_MAX = 0x034,
	REG_QUEUE_NUM = 0x038, REG_QUEUE_ALIGN = 0x03c, REG_QUEUE_PFN = 0x040,
	REG_QUEUE_READY = 0x044, REG_QUEUE_NOTIFY = 0x050,
	REG_INT_STATUS = 0x060, REG_INT_ACK = 0x064, REG_STATUS = 0x070,
	REG_QUEUE_DESC_LO = 0x080, REG_QUEUE_DESC_HI = 0x084,
	REG_QUEUE_AVAIL_LO = 0x090, REG_QUEUE_AVAIL_HI = 0x094,
	REG_QUEUE_USED_LO = 0x0a0, REG_QUEUE_USED_HI = 0x0a4,
	REG_CONFIG_GEN = 0x0fc, REG_CONFIG = 0x100,
};

static struct virtio_queue_regs *cur_queue(struct virtio_dev *vd)
{
	if (!vd->be || vd->queue_sel >= vd->be->num_queues)
		return NULL;
	return &vd->q[vd->queue_sel];
}

static int common_word(void *priv, uint64_t off, uint32_t *w)
{
	struct virtio_dev *vd = priv;
	struct virtio_queue_regs *q = cur_queue(vd);
	bool modern = vd->version == 2;

	*w = 0;
	switch (off) {
	case REG_MAGIC:
		*w = VIRTIO_MMIO_MAGIC;
		break;
	case REG_VERSION:
		*w = vd->version;
		break;
	case REG_DEVICE_ID:
		*w = vd->be ? vd->be->type : 0;
		break;
	case REG_VENDOR_ID:
		*w = VIRTIO_MMIO_VENDOR;
		break;
	case REG_DEV_FEATURES:
		if (vd->dev_feat_sel < 2)
			*w = (uint32_t)(virtio_dev_offered(vd) >> (32 * vd->dev_feat_sel));
		break;
	case REG_QUEUE_NUM_MAX:
		*w = q ? vd->be->queue_max : 0;
		break;
	case REG_QUEUE_PFN:
		*w = q && !modern ? q->pfn : 0;
		break;
	case REG_QUEUE_READY:
		*w = q && modern ? q->vq.num != 0 : 0;
		break;
	case REG_INT_STATUS:
		*w = vd->isr;
		break;
	case REG_STATUS:
		*w = vd->status;
		break;
	case REG_CONFIG_GEN:
		*w = modern ? vd->config_gen : 0;
		break;
	}
	return 0;
}

static int config_read(struct virtio_dev *vd, uint64_t off, unsigned int width, uint64_t *val)
{
	uint8_t cfg[VIRTIO_CONFIG_MAX] = { 0 };

	*val = 0;
	if ((width != 1 && width != 2 && width != 4 && width != 8) || (off & (width - 1)))
		return -EINVAL;
	if (!vd->be || off + width > VIRTIO_CONFIG_MAX)
		return 0;
	vd->be->config(vd->be_priv, cfg);
	for (unsigned int i = width; i-- > 0;)
		*val = (*val << 8) | cfg[off + i];
	return 0;
}

static int vmmio_read(void *priv, uint64_t off, unsigned int width, uint64_t *val)
{
	struct virtio_dev *vd = priv;
	unsigned long flags;
	int rc;

	spin_lock_irqsave(&vd->lock, flags);
	if (off >= REG_CONFIG)
		rc = config_read(vd, off - REG_CONFIG, width, val);
	else
		rc = width == 8 ? -EINVAL : regs32_read(vd, common_word, off, width, val);
	spin_unlock_irqrestore(&vd->lock, flags);
	return rc;
}

/* Set up queue q's rings, or fail the device if they are unusable. */
static void queue_place(struct virtio_dev *vd, struct virtio_queue_regs *q, uint64_t desc,
			uint64_t avail, uint64_t used)
{
	if (q->num > vd->be->queue_max || vq_setup(&q->vq, q->num, desc, avail, used))
		virtio_dev_fail(vd, "queue rings outside guest RAM or malformed");
}

/* Legacy: QueuePFN places all three areas in one block of guest pages. */
static void legacy_queue_pfn(struct virtio_dev *vd, struct virtio_queue_regs *q, uint32_t pfn)
{
	uint64_t desc = (uint64_t)pfn * vd->page_size, avail, used;

	q->pfn = pfn;
	vq_reset(&q->vq);
	if (!pfn)
		return;
	if (!q->align || (q->align & (q->align - 1))) {
		virtio_dev_fail(vd, "QueueAlign is not a power of two");
		return;
	}
	avail = desc + vq_desc_size(q->num);
	used = (avail + vq_avail_size(q->num) + q->align - 1) & ~((uint64_t)q->align - 1);
	queue_place(vd, q, desc, avail, used);
}

static void modern_queue_ready(struct virtio_dev *vd, struct virtio_queue_regs *q, uint32_t on)
{
	vq_reset(&q->vq);
	if (on)
		queue_place(vd, q, q->desc, q->avail, q->used);
}

static void set_half(uint64_t *v, bool high, uint32_t val)
{
	if (high)
		*v = (*v & 0xffffffffULL) | ((uint64_t)val << 32);
	else
		*v = (*v & ~0xffffffffULL) | val;
}

static void write_status(struct virtio_dev *vd, uint32_t val)
{
	uint32_t old = vd->status;
	uint64_t offered = virtio_dev_offered(vd);

	if (!val) {
		virtio_dev_reset_locked(vd);
		return;
	}
	vd->status = val | (old & VIRTIO_STATUS_NEEDS_RESET);
	if (vd->version == 2 && (val & VIRTIO_STATUS_FEATURES_OK) &&
	    !(old & VIRTIO_STATUS_FEATURES_OK) &&
	    ((vd->driver_features & ~offered) ||
	     !(vd->driver_features & (1ULL << VIRTIO_F_VERSION_1))))
		vd->status &= ~VIRTIO_STATUS_FEATURES_OK;
	if ((val & VIRTIO_STATUS_DRIVER_OK) && !(old & VIRTIO_STATUS_DRIVER_OK) && vd->be &&
	    vd->be->driver_ok && !vd->failed)
		vd->be->driver_ok(vd->be_priv);
}

static void queue_write(struct virtio_dev *vd, uint64_t off, uint32_t val)
{
	struct virtio_queue_regs *q = cur_queue(vd);
	bool modern = vd->version == 2;

	if (!q)
		return;
	switch (off) {
	case REG_QUEUE_NUM:
		q->num = val;
		break;
	case REG_QUEUE_ALIGN:
		if (!modern)
			q->align = val;
		break;
	case REG_QUEUE_PFN:
		if (!modern)
			legacy_queue_pfn(vd, q, val);
		break;
	case REG_QUEUE_READY:
		if (modern)
			modern_queue_ready(vd, q, val);
		break;
	case REG_QUEUE_DESC_LO:
	case REG_QUEUE_DESC_HI:
		set_half(&q->desc, off == REG_QUEUE_DESC_HI, val);
		break;
	case REG_QUEUE_AVAIL_LO:
	case REG_QUEUE_AVAIL_HI:
		set_half(&q->avail, off == REG_QUEUE_AVAIL_HI, val);
		break;
	case REG_QUEUE_USED_LO:
	case REG_QUEUE_USED_HI:
		set_half(&q->used, off == REG_QUEUE_USED_HI, val);
		break;
	}
}

static void common_write(struct virtio_dev *vd, uint64_t off, uint32_t val)
{
	switch (off) {
	case REG_DEV_FEATURES_SEL:
		vd->dev_feat_sel = val;
		break;
	case REG_DRV_FEATURES:
		if (vd->drv_feat_sel < 2 && !(vd->status & VIRTIO_STATUS_FEATURES_OK))
			set_half(&vd->driver_features, vd->drv_feat_sel == 1,
				 val & (uint32_t)(virtio_dev_offered(vd) >> (32 * vd->drv_feat_sel)));
		break;
	case REG_DRV_FEATURES_SEL:
		vd->drv_feat_sel = val;
		break;
	case REG_GUEST_PAGE_SIZE:
		vd->page_size = val;
		break;
	case REG_QUEUE_SEL:
		vd->queue_sel = val;
		break;
	case REG_QUEUE_NOTIFY:
		/* A doorbell only: the worker does the work, a budget at a time. */
		if (vd->be && val < vd->be->num_queues && !vd->failed && vq_ready(&vd->q[val].vq)) {
			vd->pending |= 1U << val;
			virtio_worker_kick(vd);
		}
		break;
	case REG_INT_ACK:
		vd->isr &= ~val;
		virtio_dev_update_irq(vd);
		break;
	case REG_STATUS:
		write_status(vd, val);
		break;
	default:
		queue_write(vd, off, val);
		break;
	}
}

static int vmmio_write(void *priv, uint64_t off, unsigned int width, uint64_t val)
{
	struct virtio_dev *vd = priv;
	unsigned long flags;

	if (off < REG_CONFIG && (width != 4 || (off & 3)))
		return -EINVAL;
	if (off >= REG_CONFIG && ((width != 1 && width != 2 && width != 4 && width != 8) ||
				  (off & (width - 1))))
		return -EINVAL;
	spin_lock_irqsave(&vd->lock, flags);
	if (off < REG_CONFIG)
		common_write(vd, off, (uint32_t)val);
	else if (vd->be && vd->be->config_write && !vd->failed)
		vd->be->config_write(vd->be_priv, (uint32_t)(off - REG_CONFIG), width, val);
	spin_unlock_irqrestore(&vd->lock, flags);
	return 0;
}

static void vmmio_reset(void *priv)
{
	struct virtio_dev *vd = priv;
	unsigned long flags;

	spin_lock_irqsave(&vd->lock, flags);
	virtio_dev_reset_locked(vd);
	spin_unlock_irqrestore(&vd->lock, flags);
}

static void vmmio_remove(void *priv)
{
	struct virtio_dev *vd = priv;

	if (!virtio_worker_stop(vd))
		return;
	if (vd->be && vd->be->remove)
		vd->be->remove(vd->be_priv);
	free(vd);
}

static int vmmio_config(struct virtio_dev *vd, const char *path)
{
	uint32_t type = 0, irq;
	int node = devtree_path_offset(path);

	vd->version = 1;
	devtree_path_read_u32(path, "virtio_type", &type);
	devtree_path_read_u32(path, "virtio_version", &vd->version);
	if (vd->version != 1 && vd->version != 2) {
		printf("%s: virtio_version must be 1 or 2\n", path);
		return -EINVAL;
	}
	vd->be = virtio_backend_find(type);
	if (node >= 0 && devtree_read_u32_array(node, "interrupts", &irq, 1) == 1) {
		vd->irq = irq;
		vd->has_irq = true;
	} else if (vd->be) {
		printf("%s: missing interrupts\n", path);
		return -EINVAL;
	}
	return 0;
}

static int vmmio_probe(struct guest *g, struct guest_region *r, void **priv)
{
	struct virtio_dev *vd = calloc(1, sizeof(*vd));
	int rc;

	if (!vd)
		return -ENOMEM;
	spin_lock_init(&vd->lock);
	vd->guest = g;
	snprintf(vd->name, sizeof(vd->name), "%s/%s", g->name, r->name);
	snprintf(vd->node_path, sizeof(vd->node_path), "%s", r->node_path);
	for (unsigned int i = 0; i < VIRTIO_MAX_QUEUES; i++)
		vq_init(&vd->q[i].vq, &virtio_guest_mem_ops, vd);
	rc = vmmio_config(vd, r->node_path);
	if (!rc && vd->be)
		rc = vd->be->probe(vd, &vd->be_priv);
	if (!rc && vd->be) {
		rc = virtio_worker_start(vd);
		if (rc && vd->be->remove)
			vd->be->remove(vd->be_priv);
	}
	if (rc) {
		free(vd);
		return rc;
	}
	virtio_dev_reset_locked(vd);
	*priv = vd;
	return 0;
}

static const char *const virtio_compat[] = { "virtio,mmio", NULL };
VMM_EMULATOR(virtio_mmio_emulator) = {
	.name = "virtio-mmio",
	.compatible = virtio_compat,
	.probe = vmmio_probe,
	.read = vmmio_read,
	.write = vmmio_write,
	.reset = vmmio_reset,
	.remove = vmmio_remove,
};
