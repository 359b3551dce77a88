/*
 * Virtual disks: the host side of a guest's block devices (virtio-blk).
 * A device emulator creates a vdisk named "<guest>/<node>" with 512-byte
 * sectors; a host block device (blockdev.h) may be attached to it, at
 * creation or later with `vdisk attach`, and detached again.  No block
 * device attached means no media: capacity 0, every I/O -ENODEV.  An
 * attached block device is held with a blockdev reference, so it cannot
 * be unregistered while in use.  I/O and attach/detach are serialised by
 * the vdisk's lock; changed() is called without it after every attach or
 * detach so the device can tell its guest (capacity change).
 */
#ifndef VMM_VDISK_H
#define VMM_VDISK_H

#include <stdbool.h>
#include <stdint.h>

#define VDISK_NAME_MAX		80
#define VDISK_SECTOR_SIZE	512

struct vdisk;
struct blockdev;

struct vdisk *vdisk_create(const char *name, void (*changed)(void *priv), void *priv);
void vdisk_destroy(struct vdisk *vd);
struct vdisk *vdisk_find(const char *name);
/* Walks under the registry lock: fn must not block (vmm/registry.h). */
void vdisk_for_each(void (*fn)(struct vdisk *vd, void *arg), void *arg);
const char *vdisk_name(const struct vdisk *vd);

/* Attach blockdev bdev (replacing any attached one): 0, -ENODEV if no such
 * block device, -EINVAL if its block size is not VDISK_SECTOR_SIZE, -EBUSY
 * if a disk or partition overlapping it is in use (blockdev.h).
 * Detach: 0, or -ENODEV if nothing is attached. */
int vdisk_attach(struct vdisk *vd, const char *bdev);
int vdisk_detach(struct vdisk *vd);

/* Snapshot of the attachment for display and for the device's config. */
struct vdisk_info {
	char bdev[32];		/* "" when nothing is attached */
	uint64_t sectors;	/* capacity, 0 without media */
	bool readonly;
};
void vdisk_get_info(struct vdisk *vd, struct vdisk_info *info);

/* Whole-sector I/O: 0, -ENODEV (no media), -EINVAL (beyond the end),
 * -EROFS (write to a read-only device) or the block device's error. */
int vdisk_read(struct vdisk *vd, uint64_t sector, uint32_t count, void *buf);
int vdisk_write(struct vdisk *vd, uint64_t sector, uint32_t count, const void *buf);
/* Flush writes to stable storage (the block device's flush; RAM disks
 * have none): 0, -ENODEV or the device's error. */
int vdisk_flush(struct vdisk *vd);

#endif
