/*
 * Block device registry.  A block device is a named array of fixed-size
 * blocks (512 bytes for every device we create) read and optionally written
 * through callbacks.  Providers (RAM disks, virtio-blk, ...) fill in a
 * struct blockdev and call blockdev_register(); users look devices up by
 * name.  The registry never frees a device: the provider unregisters it and
 * frees it afterwards.  A user that keeps a device (a mounted filesystem)
 * holds a reference with blockdev_get_ref(); a referenced device cannot be
 * unregistered.  Filesystems read through blockdev_read_bytes(), which
 * handles unaligned ranges and bounds checking.
 */
#ifndef VMM_BLOCKDEV_H
#define VMM_BLOCKDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BLOCKDEV_NAME_LEN	32
#define BLOCKDEV_BLOCK_SIZE	512

struct blockdev {
	char name[BLOCKDEV_NAME_LEN];
	const char *desc;		/* short text for "blockdev info" */
	uint32_t block_size;		/* bytes, a power of two */
	uint64_t block_count;
	bool readonly;
	/* Read/write count whole blocks at lba; return 0 or -errno. */
	int (*read)(struct blockdev *dev, uint64_t lba, uint32_t count, void *buf);
	int (*write)(struct blockdev *dev, uint64_t lba, uint32_t count, const void *buf);
	/* Make every completed write durable (optional: NULL when writes are
	 * durable at once); 0 or -errno. */
	int (*flush)(struct blockdev *dev);
	void *priv;
	struct blockdev *parent;	/* the disk of a partition, else NULL */
	int users;			/* references, owned by blockdev.c */
	struct blockdev *next;		/* registry link, owned by blockdev.c */
};

/* Add dev; -EEXIST if the name is taken, -EINVAL if it is malformed. */
int blockdev_register(struct blockdev *dev);

/* Remove dev from the registry; -ENOENT if it is not registered, -EBUSY
 * while it has users. */
int blockdev_unregister(struct blockdev *dev);

/* Device with this exact name, or NULL. */
struct blockdev *blockdev_find(const char *name);

/* Wait up to secs seconds (sleeping, on the target) for name to appear;
 * the device or NULL.  Lives in blockdev_wait.c, apart from the registry,
 * because it needs the scheduler. */
struct blockdev *blockdev_wait(const char *name, unsigned long secs);

/* Look up name and take a reference (NULL if absent); drop it with put. */
struct blockdev *blockdev_get_ref(const char *name);
void blockdev_put_ref(struct blockdev *dev);

/* Is a device that overlaps dev (its disk, or one of its partitions)
 * referenced?  Users that write (mounts, guest disks) refuse then. */
bool blockdev_overlap_busy(struct blockdev *dev);

/* Number of devices, and the idx-th one in registration order (or NULL). */
int blockdev_count(void);
struct blockdev *blockdev_get(int idx);

/* Total size in bytes. */
static inline uint64_t blockdev_size(const struct blockdev *dev)
{
	return dev->block_count * dev->block_size;
}

/*
 * Read len bytes at byte offset off.  -EINVAL if the range does not lie
 * inside the device, otherwise 0 or the driver's error.
 */
int blockdev_read_bytes(struct blockdev *dev, uint64_t off, void *buf, size_t len);

/* Write whole blocks; -EROFS on a read-only device or one without write. */
int blockdev_write_blocks(struct blockdev *dev, uint64_t lba, uint32_t count,
			  const void *buf);

/* Make completed writes durable (see flush); 0 for a device without one. */
int blockdev_flush(struct blockdev *dev);

#endif
