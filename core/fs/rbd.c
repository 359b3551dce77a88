/*
 * RAM block devices over identity-mapped host physical memory.  Each RAM
 * disk is a struct blockdev whose read/write callbacks are memcpy; this file
 * keeps its own list of them so "rbd list" shows only RAM disks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/blockdev.h>
#include <vmm/host_ram.h>
#include <vmm/rbd.h>
#include <vmm/spinlock.h>

struct rbd {
	struct blockdev bdev;
	uint64_t pa;
	uint64_t size;
	struct rbd *next;
};

static struct rbd *rbd_list;
static spinlock_t rbd_lock = SPINLOCK_INIT;

static void *rbd_ptr(struct blockdev *dev, uint64_t lba)
{
	struct rbd *r = dev->priv;

	return (void *)(uintptr_t)(r->pa + lba * BLOCKDEV_BLOCK_SIZE);
}

static int rbd_check(struct blockdev *dev, uint64_t lba, uint32_t count)
{
	if (lba > dev->block_count || count > dev->block_count - lba)
		return -EINVAL;
	return 0;
}

static int rbd_read(struct blockdev *dev, uint64_t lba, uint32_t count, void *buf)
{
	int rc = rbd_check(dev, lba, count);

	if (!rc)
		memcpy(buf, rbd_ptr(dev, lba), (size_t)count * BLOCKDEV_BLOCK_SIZE);
	return rc;
}

static int rbd_write(struct blockdev *dev, uint64_t lba, uint32_t count,
		     const void *buf)
{
	int rc = rbd_check(dev, lba, count);

	if (!rc)
		memcpy(rbd_ptr(dev, lba), buf, (size_t)count * BLOCKDEV_BLOCK_SIZE);
	return rc;
}

int rbd_create(const char *name, uint64_t pa, uint64_t size)
{
	struct rbd *r, **pp;
	int rc;

	if (!name || !*name || strlen(name) >= BLOCKDEV_NAME_LEN || !size ||
	    size % BLOCKDEV_BLOCK_SIZE || pa + size < pa)
		return -EINVAL;
	if (!host_ram_contains(pa, size))
		return -EFAULT;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	strcpy(r->bdev.name, name);
	r->bdev.desc = "RAM backed block device";
	r->bdev.block_size = BLOCKDEV_BLOCK_SIZE;
	r->bdev.block_count = size / BLOCKDEV_BLOCK_SIZE;
	r->bdev.read = rbd_read;
	r->bdev.write = rbd_write;
	r->bdev.priv = r;
	r->pa = pa;
	r->size = size;
	rc = blockdev_register(&r->bdev);
	if (rc) {
		free(r);
		return rc;
	}
	spin_lock(&rbd_lock);
	for (pp = &rbd_list; *pp; pp = &(*pp)->next)
		;
	*pp = r;
	spin_unlock(&rbd_lock);
	return 0;
}

int rbd_destroy(const char *name)
{
	struct rbd **pp, *r = NULL;
	int rc;

	spin_lock(&rbd_lock);
	for (pp = &rbd_list; *pp; pp = &(*pp)->next) {
		if (!strcmp((*pp)->bdev.name, name)) {
			r = *pp;
			break;
		}
	}
	rc = r ? blockdev_unregister(&r->bdev) : -ENOENT;
	if (!rc)
		*pp = r->next;
	spin_unlock(&rbd_lock);
	if (!rc)
		free(r);
	return rc;
}

int rbd_get(int idx, struct rbd_info *info)
{
	struct rbd *r;

	spin_lock(&rbd_lock);
	for (r = rbd_list; r && idx > 0; r = r->next)
		idx--;
	if (r && idx == 0) {
		info->name = r->bdev.name;
		info->pa = r->pa;
		info->size = r->size;
	}
	spin_unlock(&rbd_lock);
	return r && idx == 0 ? 0 : -ENOENT;
}
