/*
 * Block device registry: a singly linked list of registered devices under
 * one lock, lookup by name, reference counting for users (and whether a
 * disk or partition overlapping a device is in use), and the byte-range
 * read helper that filesystems use (bounce buffer for partial blocks).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/blockdev.h>
#include <vmm/spinlock.h>

static struct blockdev *bdev_list;
static spinlock_t bdev_lock = SPINLOCK_INIT;

static struct blockdev *find_locked(const char *name)
{
	for (struct blockdev *d = bdev_list; d; d = d->next)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

int blockdev_register(struct blockdev *dev)
{
	size_t n = strnlen(dev->name, BLOCKDEV_NAME_LEN);
	struct blockdev **pp;
	int rc = 0;

	if (!n || n >= BLOCKDEV_NAME_LEN || !dev->read || !dev->block_size ||
	    (dev->block_size & (dev->block_size - 1)))
		return -EINVAL;
	spin_lock(&bdev_lock);
	if (find_locked(dev->name)) {
		rc = -EEXIST;
	} else {
		dev->users = 0;
		dev->next = NULL;
		for (pp = &bdev_list; *pp; pp = &(*pp)->next)
			;
		*pp = dev;
	}
	spin_unlock(&bdev_lock);
	return rc;
}

int blockdev_unregister(struct blockdev *dev)
{
	int rc = -ENOENT;

	spin_lock(&bdev_lock);
	for (struct blockdev **pp = &bdev_list; *pp; pp = &(*pp)->next) {
		if (*pp != dev)
			continue;
		if (dev->users) {
			rc = -EBUSY;
		} else {
			*pp = dev->next;
			rc = 0;
		}
		break;
	}
	spin_unlock(&bdev_lock);
	return rc;
}

struct blockdev *blockdev_find(const char *name)
{
	struct blockdev *d;

	spin_lock(&bdev_lock);
	d = find_locked(name);
	spin_unlock(&bdev_lock);
	return d;
}

struct blockdev *blockdev_get_ref(const char *name)
{
	struct blockdev *d;

	spin_lock(&bdev_lock);
	d = find_locked(name);
	if (d)
		d->users++;
	spin_unlock(&bdev_lock);
	return d;
}

void blockdev_put_ref(struct blockdev *dev)
{
	spin_lock(&bdev_lock);
	if (dev->users > 0)
		dev->users--;
	spin_unlock(&bdev_lock);
}

bool blockdev_overlap_busy(struct blockdev *dev)
{
	bool busy = false;

	spin_lock(&bdev_lock);
	for (struct blockdev *d = bdev_list; d && !busy; d = d->next)
		busy = d != dev && d->users && (d == dev->parent || d->parent == dev);
	spin_unlock(&bdev_lock);
	return busy;
}

int blockdev_count(void)
{
	int n = 0;

	spin_lock(&bdev_lock);
	for (struct blockdev *d = bdev_list; d; d = d->next)
		n++;
	spin_unlock(&bdev_lock);
	return n;
}

struct blockdev *blockdev_get(int idx)
{
	struct blockdev *d;

	spin_lock(&bdev_lock);
	for (d = bdev_list; d && idx > 0; d = d->next)
		idx--;
	spin_unlock(&bdev_lock);
	return idx < 0 ? NULL : d;
}

int blockdev_read_bytes(struct blockdev *dev, uint64_t off, void *buf, size_t len)
{
	uint32_t bs = dev->block_size;
	uint8_t *dst = buf, *bounce = NULL;
	int rc = 0;

	if (off > blockdev_size(dev) || len > blockdev_size(dev) - off)
		return -EINVAL;
	while (len && !rc) {
		uint64_t lba = off / bs;
		uint32_t skip = off % bs;
		size_t chunk;

		if (!skip && len >= bs) {
			uint64_t nblk = len / bs;

			if (nblk > 0x10000)
				nblk = 0x10000;
			chunk = nblk * bs;
			rc = dev->read(dev, lba, nblk, dst);
		} else {
			chunk = bs - skip < len ? bs - skip : len;
			if (!bounce)
				bounce = malloc(bs);
			if (!bounce)
				return -ENOMEM;
			rc = dev->read(dev, lba, 1, bounce);
			memcpy(dst, bounce + skip, chunk);
		}
		dst += chunk;
		off += chunk;
		len -= chunk;
	}
	free(bounce);
	return rc;
}

int blockdev_write_blocks(struct blockdev *dev, uint64_t lba, uint32_t count,
			  const void *buf)
{
	if (dev->readonly || !dev->write)
		return -EROFS;
	if (lba > dev->block_count || count > dev->block_count - lba)
		return -EINVAL;
	return dev->write(dev, lba, count, buf);
}

int blockdev_flush(struct blockdev *dev)
{
	return dev->flush ? dev->flush(dev) : 0;
}
