/*
 * VFS filesystem registry and mount table: the try order of the linked-in
 * filesystem drivers, mounting a block device at a path (trying each driver
 * in turn; a block device is mounted at most once), unmounting (the
 * driver writes everything back), syncing all mounts, and the reference
 * counts that keep a busy mount in place.
 */
#include <errno.h>
#include <string.h>
#include <vmm/spinlock.h>
#include "vfs_priv.h"

VMM_TABLE_DECLARE(const struct vfs_fs, vmm_filesystems);

static struct vfs_mnt mounts[VFS_MOUNT_MAX];
static spinlock_t mnt_lock = SPINLOCK_INIT;

int vfs_fs_count(void)
{
	return __stop_vmm_filesystems - __start_vmm_filesystems;
}

/* The idx-th driver in (order, name) order, found by counting the drivers
 * that sort before each one: the table is tiny. */
const struct vfs_fs *vfs_fs_get(int idx)
{
	vmm_table_foreach(const struct vfs_fs, vmm_filesystems, fs) {
		int before = 0;

		vmm_table_foreach(const struct vfs_fs, vmm_filesystems, o) {
			if (o->order < fs->order ||
			    (o->order == fs->order && strcmp(o->name, fs->name) < 0))
				before++;
		}
		if (before == idx)
			return fs;
	}
	return NULL;
}

struct vfs_mnt *vfs_mnt_find(const char *cur, const char **rest)
{
	struct vfs_mnt *best = NULL;

	spin_lock(&mnt_lock);
	for (int i = 0; i < VFS_MOUNT_MAX; i++) {
		struct vfs_mnt *m = &mounts[i];

		if (!m->used || strncmp(cur, m->path, m->pathlen) ||
		    (cur[m->pathlen] && cur[m->pathlen] != '/'))
			continue;
		if (!best || m->pathlen > best->pathlen)
			best = m;
	}
	if (best) {
		best->users++;
		*rest = cur + best->pathlen;
	}
	spin_unlock(&mnt_lock);
	return best;
}

void vfs_mnt_put(struct vfs_mnt *mnt)
{
	spin_lock(&mnt_lock);
	mnt->users--;
	spin_unlock(&mnt_lock);
}

static int check_mount_point(const char *canon)
{
	struct vfs_node node;
	int rc;

	if (!strcmp(canon, "/"))
		return 0;
	rc = vfs_resolve(canon, true, &node);
	if (rc)
		return rc;
	vfs_mnt_put(node.mnt);
	return VFS_ISDIR(node.st.mode) ? 0 : -ENOTDIR;
}

static int try_filesystems(struct blockdev *dev, struct vfs_mnt *m)
{
	int rc = -ENODEV;

	for (int i = 0; i < vfs_fs_count(); i++) {
		const struct vfs_fs *fs = vfs_fs_get(i);

		rc = fs->mount(dev, &m->sb);
		if (!rc) {
			m->fs = fs;
			return 0;
		}
		if (rc != -ENODEV)
			return rc;
	}
	return rc;
}

static int insert_mount(struct vfs_mnt *m)
{
	int rc = 0, slot = -1;

	spin_lock(&mnt_lock);
	for (int i = 0; i < VFS_MOUNT_MAX; i++) {
		if (!mounts[i].used) {
			if (slot < 0)
				slot = i;
		} else if (!strcmp(mounts[i].path, m->path)) {
			rc = -EBUSY;
		}
	}
	if (!rc && slot < 0)
		rc = -ENOSPC;
	if (!rc) {
		m->used = true;
		m->users = 0;
		mounts[slot] = *m;
	}
	spin_unlock(&mnt_lock);
	return rc;
}

int vfs_mount(const char *bdev, const char *path, const char **fsname)
{
	struct vfs_mnt m = { 0 };
	int rc;

	rc = vfs_canon(path, m.path);
	if (rc)
		return rc;
	m.pathlen = strcmp(m.path, "/") ? strlen(m.path) : 0;
	rc = check_mount_point(m.path);
	if (rc)
		return rc;
	m.bdev = blockdev_get_ref(bdev);
	if (!m.bdev)
		return -ENODEV;
	/* the mount table is the only holder of references: one per mount */
	rc = m.bdev->users > 1 || blockdev_overlap_busy(m.bdev) ? -EBUSY :
	     try_filesystems(m.bdev, &m);
	if (!rc) {
		rc = insert_mount(&m);
		if (rc)
			m.fs->unmount(m.sb);
	}
	if (rc) {
		blockdev_put_ref(m.bdev);
		return rc;
	}
	if (fsname)
		*fsname = m.fs->name;
	return 0;
}

static bool has_submount(const struct vfs_mnt *m)
{
	for (int i = 0; i < VFS_MOUNT_MAX; i++) {
		const struct vfs_mnt *o = &mounts[i];

		if (o == m || !o->used || o->pathlen <= m->pathlen)
			continue;
		if (!strncmp(o->path, m->path, m->pathlen) && o->path[m->pathlen] == '/')
			return true;
	}
	return false;
}

int vfs_umount(const char *path)
{
	char canon[VFS_PATH_MAX];
	struct vfs_mnt victim = { 0 };
	int rc = vfs_canon(path, canon);

	if (rc)
		return rc;
	rc = -ENOENT;
	spin_lock(&mnt_lock);
	for (int i = 0; i < VFS_MOUNT_MAX; i++) {
		struct vfs_mnt *m = &mounts[i];

		if (!m->used || strcmp(m->path, canon))
			continue;
		if (m->users || has_submount(m)) {
			rc = -EBUSY;
		} else {
			victim = *m;
			m->used = false;
			rc = 0;
		}
		break;
	}
	spin_unlock(&mnt_lock);
	if (rc)
		return rc;
	victim.fs->unmount(victim.sb);
	blockdev_put_ref(victim.bdev);
	return 0;
}

int vfs_mount_get(int idx, struct vfs_mount_info *info)
{
	int rc = -ENOENT;

	spin_lock(&mnt_lock);
	for (int i = 0; i < VFS_MOUNT_MAX; i++) {
		if (!mounts[i].used || idx-- > 0)
			continue;
		strcpy(info->path, mounts[i].path);
		info->fs = mounts[i].fs->name;
		info->bdev = mounts[i].bdev->name;
		rc = 0;
		break;
	}
	spin_unlock(&mnt_lock);
	return rc;
}

bool vfs_is_mount_point(const char *canon)
{
	bool found = false;

	spin_lock(&mnt_lock);
	for (int i = 0; i < VFS_MOUNT_MAX && !found; i++)
		found = mounts[i].used && !strcmp(mounts[i].path, canon);
	spin_unlock(&mnt_lock);
	return found;
}

int vfs_sync_all(void)
{
	int first = 0;

	for (int i = 0; i < VFS_MOUNT_MAX; i++) {
		struct vfs_mnt *m = &mounts[i];
		int rc;

		spin_lock(&mnt_lock);
		if (!m->used || !m->fs->sync) {
			spin_unlock(&mnt_lock);
			continue;
		}
		m->users++;
		spin_unlock(&mnt_lock);
		rc = m->fs->sync(m->sb);
		vfs_mnt_put(m);
		if (rc && !first)
			first = rc;
	}
	return first;
}
