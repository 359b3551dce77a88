/*
 * State of one virtio-mmio device, shared by the register file
 * (virtio_mmio.c) and the back-end services (virtio_dev.c).  Everything
 * here is protected by lock.
 */
#ifndef EMULATORS_VIRTIO_DEV_H
#define EMULATORS_VIRTIO_DEV_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/spinlock.h>
#include <vmm/virtio.h>
#include <vmm/virtqueue.h>

#define VIRTIO_STATUS_ACK		1
#define VIRTIO_STATUS_DRIVER		2
#define VIRTIO_STATUS_DRIVER_OK		4
#define VIRTIO_STATUS_FEATURES_OK	8
#define VIRTIO_STATUS_NEEDS_RESET	64
#define VIRTIO_F_VERSION_1		32

#define VIRTIO_INT_USED		1
#define VIRTIO_INT_CONFIG	2

struct virtio_queue_regs {
	struct virtqueue vq;
	uint32_t num;		/* QueueNum */
	uint32_t align;		/* legacy QueueAlign */
	uint32_t pfn;		/* legacy QueuePFN */
	uint64_t desc;		/* modern QueueDesc/Driver/Device */
	uint64_t avail;
	uint64_t used;
};

struct virtio_dev {
	spinlock_t lock;
	struct guest *guest;
	char name[80];
	char node_path[128];
	const struct virtio_backend *be;	/* NULL: empty slot */
	void *be_priv;
	uint32_t version;	/* 1 legacy, 2 modern */
	unsigned int irq;
	bool has_irq;
	bool failed;
	uint32_t status;
	uint32_t isr;
	uint32_t dev_feat_sel;
	uint32_t drv_feat_sel;
	uint64_t driver_features;
	uint32_t queue_sel;
	uint32_t page_size;	/* legacy GuestPageSize */
	uint32_t config_gen;
	uint32_t pending;	/* queues whose doorbell rang, not yet served */
	struct thread *worker;	/* serves pending (virtio_worker.c) */
	bool worker_stop;
	struct virtio_queue_regs q[VIRTIO_MAX_QUEUES];
};

extern const struct vq_mem_ops virtio_guest_mem_ops;

/* Feature bits the device offers (back-end plus transport bits). */
uint64_t virtio_dev_offered(const struct virtio_dev *vd);
/* Reset the queues and registers to power-on state and reset the back-end. */
void virtio_dev_reset_locked(struct virtio_dev *vd);
/* Drive the interrupt line from the interrupt status. */
void virtio_dev_update_irq(struct virtio_dev *vd);
/* With the lock held: give each pending queue one budget of back-end work
 * (struct virtio_backend.notify); true if some queue has work left. */
bool virtio_dev_serve_locked(struct virtio_dev *vd);

/*
 * The device's worker thread (virtio_worker.c): a doorbell only marks the
 * queue pending and wakes it (virtio_worker_kick, lock held); the worker
 * serves the pending queues a budget at a time, taking the lock for one
 * budget only, and is time-sliced like any thread.  Started at probe on
 * the hart of the guest's first vCPU; stopped (and freed) before the
 * back-end is removed.
 */
int virtio_worker_start(struct virtio_dev *vd);
void virtio_worker_kick(struct virtio_dev *vd);
/* False if the worker never ended: the device must then be kept. */
bool virtio_worker_stop(struct virtio_dev *vd);

#endif
