/*
 * Services of the virtio-mmio transport to device back-ends: the back-end
 * registry (link-time table vmm_virtio_backends, keyed by virtio_type),
 * guest memory access for virtqueues (RAM only; device writes only to
 * writable RAM, never to ROM or emulated regions), taking and returning
 * chains, interrupts, failing a device (DEVICE_NEEDS_RESET) and reset.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/guest.h>

#include "virtio_dev.h"

VMM_TABLE_DECLARE(const struct virtio_backend, vmm_virtio_backends);

const struct virtio_backend *virtio_backend_find(uint32_t type)
{
	vmm_table_foreach(const struct virtio_backend, vmm_virtio_backends, be)
		if (be->type == type)
			return be;
	return NULL;
}

static bool guest_range_ok(void *ctx, uint64_t gpa, uint64_t len, bool write)
{
	struct virtio_dev *vd = ctx;

	while (len) {
		struct guest_region *r = guest_region_find(vd->guest, gpa);
		uint64_t n;

		if (!r || r->kind == REGION_VIRTUAL || (write && r->kind != REGION_RAM))
			return false;
		n = r->size - (gpa - r->gpa);
		if (n >= len)
			return true;
		gpa += n;
		len -= n;
	}
	return true;
}

static int guest_read(void *ctx, uint64_t gpa, void *buf, uint64_t len)
{
	struct virtio_dev *vd = ctx;

	if (!guest_range_ok(ctx, gpa, len, false))
		return -EFAULT;
	return guest_memory_read(vd->guest, gpa, buf, len) == (long)len ? 0 : -EFAULT;
}

static int guest_write(void *ctx, uint64_t gpa, const void *buf, uint64_t len)
{
	struct virtio_dev *vd = ctx;

	if (!guest_range_ok(ctx, gpa, len, true))
		return -EFAULT;
	return guest_memory_write(vd->guest, gpa, buf, len) == (long)len ? 0 : -EFAULT;
}

const struct vq_mem_ops virtio_guest_mem_ops = {
	.range_ok = guest_range_ok, .read = guest_read, .write = guest_write,
};

uint64_t virtio_dev_offered(const struct virtio_dev *vd)
{
	uint64_t f;

	if (!vd->be)
		return 0;
	f = vd->be->features | (1ULL << VIRTIO_RING_F_INDIRECT_DESC);
	if (vd->version == 2)
		f |= 1ULL << VIRTIO_F_VERSION_1;
	return f;
}

void virtio_dev_update_irq(struct virtio_dev *vd)
{
	if (vd->has_irq)
		guest_irq_set(vd->guest, vd->irq, vd->isr != 0);
}

void virtio_dev_reset_locked(struct virtio_dev *vd)
{
	for (unsigned int i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		struct virtio_queue_regs *q = &vd->q[i];

		vq_reset(&q->vq);
		q->num = vd->be ? vd->be->queue_max : 0;
		q->align = 4096;
		q->pfn = 0;
		q->desc = q->avail = q->used = 0;
	}
	vd->failed = false;
	vd->status = 0;
	vd->isr = 0;
	vd->dev_feat_sel = vd->drv_feat_sel = 0;
	vd->driver_features = 0;
	vd->queue_sel = 0;
	vd->page_size = 4096;
	vd->pending = 0;
	if (vd->be && vd->be->reset)
		vd->be->reset(vd->be_priv);
	virtio_dev_update_irq(vd);
}

const char *virtio_dev_name(struct virtio_dev *vd)
{
	return vd->name;
}

const char *virtio_dev_node_path(struct virtio_dev *vd)
{
	return vd->node_path;
}

uint64_t virtio_dev_features(struct virtio_dev *vd)
{
	return vd->driver_features;
}

bool virtio_dev_running(struct virtio_dev *vd)
{
	return !vd->failed && (vd->status & VIRTIO_STATUS_DRIVER_OK);
}

unsigned long virtio_dev_lock(struct virtio_dev *vd)
{
	unsigned long flags;

	spin_lock_irqsave(&vd->lock, flags);
	return flags;
}

bool virtio_dev_trylock(struct virtio_dev *vd, unsigned long *flags)
{
	*flags = irq_save();
	if (spin_trylock(&vd->lock))
		return true;
	irq_restore(*flags);
	return false;
}

void virtio_dev_unlock(struct virtio_dev *vd, unsigned long flags)
{
	spin_unlock_irqrestore(&vd->lock, flags);
}

struct virtqueue *virtio_dev_queue(struct virtio_dev *vd, unsigned int q)
{
	return q < VIRTIO_MAX_QUEUES ? &vd->q[q].vq : NULL;
}

void virtio_dev_fail(struct virtio_dev *vd, const char *why)
{
	if (vd->failed)
		return;
	vd->failed = true;
	vd->status |= VIRTIO_STATUS_NEEDS_RESET;
	printf("%s: %s, device needs reset\n", vd->name, why);
	vd->isr |= VIRTIO_INT_CONFIG;
	virtio_dev_update_irq(vd);
}

void virtio_dev_config_changed(struct virtio_dev *vd)
{
	vd->config_gen++;
	if (!(vd->status & VIRTIO_STATUS_DRIVER_OK))
		return;
	vd->isr |= VIRTIO_INT_CONFIG;
	virtio_dev_update_irq(vd);
}

static void queue_fault(struct virtio_dev *vd, unsigned int q)
{
	char why[96];

	snprintf(why, sizeof(why), "queue %u: %s", q,
		 vd->q[q].vq.error ? vd->q[q].vq.error : "guest memory fault");
	virtio_dev_fail(vd, why);
}

int virtio_dev_pop(struct virtio_dev *vd, unsigned int q, struct vq_chain *c)
{
	int rc;

	if (vd->failed || q >= VIRTIO_MAX_QUEUES)
		return 0;
	rc = vq_pop(&vd->q[q].vq, c);
	if (rc < 0)
		queue_fault(vd, q);
	return rc;
}

void virtio_dev_push(struct virtio_dev *vd, unsigned int q, uint16_t head, uint32_t len)
{
	struct virtqueue *vq = &vd->q[q].vq;

	if (vd->failed)
		return;
	if (vq->broken || vq_push(vq, head, len)) {
		queue_fault(vd, q);
		return;
	}
	if (!vq_interrupt_suppressed(vq)) {
		vd->isr |= VIRTIO_INT_USED;
		virtio_dev_update_irq(vd);
	}
}

bool virtio_dev_serve_locked(struct virtio_dev *vd)
{
	uint32_t bits = vd->pending;

	vd->pending = 0;
	for (unsigned int q = 0; q < VIRTIO_MAX_QUEUES; q++) {
		if (!(bits & (1U << q)) || !vd->be || q >= vd->be->num_queues || vd->failed ||
		    !vq_ready(&vd->q[q].vq))
			continue;
		if (vd->be->notify(vd->be_priv, q))
			vd->pending |= 1U << q;
	}
	return vd->pending != 0;
}
