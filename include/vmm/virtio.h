/*
 * virtio device back-ends behind the virtio-mmio transport
 * (emulators/virtio_mmio.c).  A back-end is one file that declares a
 * struct virtio_backend with VMM_VIRTIO_BACKEND(var); the transport
 * picks it by the region's `virtio_type` (a type with no back-end answers
 * as an empty slot, device ID 0).  The transport owns the registers,
 * feature negotiation, the queues and the interrupt line; the back-end
 * owns its configuration space and serves its queues.
 *
 * Locking: the transport holds the device lock around every back-end hook
 * (notify, reset, config access).  Work started from elsewhere (input from
 * a vserial port, a vdisk attach) takes it with virtio_dev_lock().  Hooks
 * must not sleep.  A guest's doorbell (QueueNotify) does no queue work in
 * the exit handler: it marks the queue and wakes the device's worker
 * thread, which calls notify with a budget, so the work a guest asks for
 * is done in time-sliced pieces and never with interrupts masked for long.  A back-end that finds a request it cannot make sense
 * of calls virtio_dev_fail(): the device then sets DEVICE_NEEDS_RESET and
 * ignores its queues until the guest resets it.
 */
#ifndef VMM_VIRTIO_H
#define VMM_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/table.h>
#include <vmm/virtqueue.h>

#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3
#define VIRTIO_ID_RNG		4

#define VIRTIO_MAX_QUEUES	8
#define VIRTIO_BUDGET		65536	/* bytes one notify call may move */
#define VIRTIO_CHAIN_COST	512	/* budget a chain costs at least */
#define VIRTIO_CONFIG_MAX	256	/* bytes of config space at 0x100 */

struct guest;
struct virtio_dev;

struct virtio_backend {
	const char *name;
	uint32_t type;			/* virtio_type / device ID */
	unsigned int num_queues;	/* <= VIRTIO_MAX_QUEUES */
	uint32_t queue_max;		/* QueueNumMax of every queue */
	uint64_t features;		/* device feature bits offered */
	/* Create state for region vd (properties at virtio_dev_node_path). */
	int (*probe)(struct virtio_dev *vd, void **priv);
	void (*remove)(void *priv);
	/* Device reset (status 0 or guest reset); queues are already reset. */
	void (*reset)(void *priv);
	/* Snapshot of the config space into cfg (VIRTIO_CONFIG_MAX bytes,
	 * zeroed); returns its size. */
	uint32_t (*config)(void *priv, uint8_t *cfg);
	/* Guest write of width bytes at config offset off (optional). */
	void (*config_write)(void *priv, uint32_t off, unsigned int width, uint64_t val);
	/*
	 * Serve queue q (only called for a ready queue), from the device's
	 * worker thread with the lock held: at most VIRTIO_BUDGET bytes of
	 * work (each chain counts at least VIRTIO_CHAIN_COST), keeping a
	 * chain in progress in priv.  Returns true if work is left: the
	 * worker calls again, preemptible in between.
	 */
	bool (*notify)(void *priv, unsigned int q);
	/* The driver set DRIVER_OK (optional): e.g. deliver waiting input. */
	void (*driver_ok)(void *priv);
};

#define VMM_VIRTIO_BACKEND(var) \
	static const struct virtio_backend var VMM_TABLE_ENTRY(vmm_virtio_backends)

const struct virtio_backend *virtio_backend_find(uint32_t type);

const char *virtio_dev_name(struct virtio_dev *vd);	/* "<guest>/<node>" */
const char *virtio_dev_node_path(struct virtio_dev *vd);
uint64_t virtio_dev_features(struct virtio_dev *vd);	/* negotiated */
/* DRIVER_OK set and not failed: the queues may be used. */
bool virtio_dev_running(struct virtio_dev *vd);

unsigned long virtio_dev_lock(struct virtio_dev *vd);
/* Take the lock only if it is free (true: *flags is set for the unlock). */
bool virtio_dev_trylock(struct virtio_dev *vd, unsigned long *flags);
void virtio_dev_unlock(struct virtio_dev *vd, unsigned long flags);

/*
 * With the device lock held: take the next chain of queue q (1), none (0),
 * or a malformed ring (-EIO: the device is failed with a message).  Push
 * returns a chain with len bytes written and raises the used-buffer
 * interrupt unless the driver suppressed it.
 */
int virtio_dev_pop(struct virtio_dev *vd, unsigned int q, struct vq_chain *c);
void virtio_dev_push(struct virtio_dev *vd, unsigned int q, uint16_t head, uint32_t len);
/* The queue itself, for vq_chain_read/vq_chain_write. */
struct virtqueue *virtio_dev_queue(struct virtio_dev *vd, unsigned int q);

/* Stop the device: print "<name>: <why>, device needs reset", set
 * DEVICE_NEEDS_RESET and raise the configuration interrupt. */
void virtio_dev_fail(struct virtio_dev *vd, const char *why);
/* The config space changed (e.g. disk capacity): configuration interrupt. */
void virtio_dev_config_changed(struct virtio_dev *vd);

#endif
