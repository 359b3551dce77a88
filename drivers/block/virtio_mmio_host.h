/*
 * Host-side virtio-mmio transport, the driver half (the guest-side device
 * half is emulators/virtio_mmio.c): device discovery, status and feature
 * negotiation, and one split virtqueue per device, for both the legacy
 * (version 1, QEMU's default) and the modern (version 2) register layouts.
 * The rings live in page-allocator memory, which is identity mapped, so a
 * pointer is also the physical address the device uses.  Callers
 * serialise all calls on one device.
 */
#ifndef DRIVERS_VIRTIO_MMIO_HOST_H
#define DRIVERS_VIRTIO_MMIO_HOST_H

#include <stdbool.h>
#include <stdint.h>

#define VMH_QUEUE_SIZE	16

struct vmh_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct vmh_dev {
	volatile uint8_t *base;
	uint32_t version;
	uint32_t device_id;
	uint64_t features;		/* negotiated */
	/* queue 0 */
	void *ring_mem;
	struct vmh_desc *desc;
	volatile uint16_t *avail;	/* flags, idx, ring[] */
	volatile uint16_t *used;	/* flags, idx, then {u32 id, u32 len}[] */
	uint16_t avail_idx;
	uint16_t used_seen;
};

/* Check magic and version at base: 0 with vmh->device_id filled (0 for an
 * empty slot), -ENODEV if it is no virtio-mmio device. */
int vmh_probe(struct vmh_dev *vmh, uint64_t base);

/* Reset, acknowledge, accept the wanted device features that are offered
 * (VERSION_1 is added for a modern device), set up queue 0 and go
 * DRIVER_OK.  -EIO if the device refuses. */
int vmh_start(struct vmh_dev *vmh, uint64_t wanted);

/* Mark the device failed and release the rings (probe error path). */
void vmh_stop(struct vmh_dev *vmh);

/* Config space read of width 1, 2, 4 or 8 bytes at offset off. */
uint64_t vmh_config(struct vmh_dev *vmh, uint32_t off, unsigned int width);

/* Post the chain of n descriptors (at most VMH_QUEUE_SIZE) that starts at
 * descriptor 0 and notify the device. */
void vmh_submit(struct vmh_dev *vmh, unsigned int n);

/* True once the device has returned the last submitted chain. */
bool vmh_done(struct vmh_dev *vmh);

/* Acknowledge the interrupt: the InterruptStatus bits that were set. */
uint32_t vmh_irq_ack(struct vmh_dev *vmh);

#endif
