/*
 * Virtual disk registry: a list of vdisks under one lock, each with its
 * own lock serialising I/O against attach and detach of the host block
 * device behind it (held by a blockdev reference while attached).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/blockdev.h>
#include <vmm/list.h>
#include <vmm/registry.h>
#include <vmm/spinlock.h>
#include <vmm/vdisk.h>

struct vdisk {
	char name[VDISK_NAME_MAX];
	spinlock_t lock;
	struct blockdev *bdev;
	void (*changed)(void *priv);
	void *priv;
	struct list_head node;
};

static REGISTRY(vdisks);

static bool name_matches(const struct list_head *node, const void *name)
{
	return !strcmp(list_entry(node, struct vdisk, node)->name, name);
}

struct vdisk *vdisk_create(const char *name, void (*changed)(void *priv), void *priv)
{
	struct vdisk *vd;

	if (strlen(name) >= VDISK_NAME_MAX)
		return NULL;
	vd = calloc(1, sizeof(*vd));
	if (!vd)
		return NULL;
	strcpy(vd->name, name);
	spin_lock_init(&vd->lock);
	vd->changed = changed;
	vd->priv = priv;
	if (registry_add(&vdisks, &vd->node, name_matches, vd->name)) {
		free(vd);
		return NULL;
	}
	return vd;
}

void vdisk_destroy(struct vdisk *vd)
{
	if (!vd)
		return;
	registry_del(&vdisks, &vd->node);
	if (vd->bdev)
		blockdev_put_ref(vd->bdev);
	free(vd);
}

struct vdisk *vdisk_find(const char *name)
{
	struct list_head *node = registry_find(&vdisks, name_matches, name);

	return node ? list_entry(node, struct vdisk, node) : NULL;
}

REGISTRY_DEFINE_FOR_EACH(vdisk_for_each, vdisks, struct vdisk, node)

const char *vdisk_name(const struct vdisk *vd)
{
	return vd->name;
}

/* Swap the attached device for bdev (may be NULL); returns the old one. */
static struct blockdev *swap_bdev(struct vdisk *vd, struct blockdev *bdev)
{
	struct blockdev *old;
	unsigned long flags;

	spin_lock_irqsave(&vd->lock, flags);
	old = vd->bdev;
	vd->bdev = bdev;
	spin_unlock_irqrestore(&vd->lock, flags);
	if (old)
		blockdev_put_ref(old);
	if (vd->changed)
		vd->changed(vd->priv);
	return old;
}

int vdisk_attach(struct vdisk *vd, const char *bdev_name)
{
	struct blockdev *bdev = blockdev_get_ref(bdev_name);

	if (!bdev)
		return -ENODEV;
	if (bdev->block_size != VDISK_SECTOR_SIZE || blockdev_overlap_busy(bdev)) {
		blockdev_put_ref(bdev);
		return bdev->block_size != VDISK_SECTOR_SIZE ? -EINVAL : -EBUSY;
	}
	swap_bdev(vd, bdev);
	return 0;
}

int vdisk_detach(struct vdisk *vd)
{
	return swap_bdev(vd, NULL) ? 0 : -ENODEV;
}

void vdisk_get_info(struct vdisk *vd, struct vdisk_info *info)
{
	unsigned long flags;

	memset(info, 0, sizeof(*info));
	spin_lock_irqsave(&vd->lock, flags);
	if (vd->bdev) {
		snprintf(info->bdev, sizeof(info->bdev), "%s", vd->bdev->name);
		info->sectors = vd->bdev->block_count;
		info->readonly = vd->bdev->readonly || !vd->bdev->write;
	}
	spin_unlock_irqrestore(&vd->lock, flags);
}

static int vdisk_io(struct vdisk *vd, uint64_t sector, uint32_t count, void *buf, bool write)
{
	unsigned long flags;
	int rc;

	spin_lock_irqsave(&vd->lock, flags);
	if (!vd->bdev)
		rc = -ENODEV;
	else if (sector > vd->bdev->block_count || count > vd->bdev->block_count - sector)
		rc = -EINVAL;
	else if (write)
		rc = blockdev_write_blocks(vd->bdev, sector, count, buf);
	else
		rc = vd->bdev->read(vd->bdev, sector, count, buf);
	spin_unlock_irqrestore(&vd->lock, flags);
	return rc;
}

int vdisk_read(struct vdisk *vd, uint64_t sector, uint32_t count, void *buf)
{
	return vdisk_io(vd, sector, count, buf, false);
}

int vdisk_write(struct vdisk *vd, uint64_t sector, uint32_t count, const void *buf)
{
	return vdisk_io(vd, sector, count, (void *)buf, true);
}

int vdisk_flush(struct vdisk *vd)
{
	unsigned long flags;
	int rc;

	spin_lock_irqsave(&vd->lock, flags);
	rc = vd->bdev ? blockdev_flush(vd->bdev) : -ENODEV;
	spin_unlock_irqrestore(&vd->lock, flags);
	return rc;
}
