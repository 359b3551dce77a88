/*
 * VFS modifications: creating, writing and truncating files, mkdir,
 * rmdir, unlink and rename.  Each splits its canonical path into the
 * parent directory (resolved, following symlinks) and the final name,
 * refuses mount points (-EBUSY) and filesystems without write operations
 * (-EROFS), and hands the rest to the filesystem driver.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_priv.h"

#define NEW_FILE_MODE	(VFS_S_IFREG | 0644)
#define NEW_DIR_MODE	(VFS_S_IFDIR | 0755)

struct vfs_target {
	struct vfs_node dir;		/* the parent, referenced */
	const char *name;		/* points into path */
	size_t namelen;
	char path[VFS_PATH_MAX];	/* canonical */
};

/* Resolve the parent of path into t (release with vfs_mnt_put). */
static int target_of(const char *path, struct vfs_target *t)
{
	char parent[VFS_PATH_MAX];
	char *slash;
	int rc = vfs_canon(path, t->path);

	if (rc)
		return rc;
	if (!strcmp(t->path, "/") || vfs_is_mount_point(t->path))
		return -EBUSY;
	slash = strrchr(t->path, '/');
	t->name = slash + 1;
	t->namelen = strlen(t->name);
	memcpy(parent, t->path, slash - t->path);
	parent[slash == t->path ? 1 : slash - t->path] = '\0';
	if (slash == t->path)
		parent[0] = '/';
	rc = vfs_resolve(parent, true, &t->dir);
	if (rc)
		return rc;
	if (!VFS_ISDIR(t->dir.st.mode))
		rc = -ENOTDIR;
	else if (!t->dir.mnt->fs->create)
		rc = -EROFS;
	if (rc)
		vfs_mnt_put(t->dir.mnt);
	return rc;
}

static int make(const char *path, uint32_t mode, struct vfs_target *t, uint64_t *ino)
{
	int rc = target_of(path, t);
	struct vfs_mnt *m;

	if (rc)
		return rc;
	m = t->dir.mnt;
	rc = m->fs->create(m->sb, t->dir.ino, t->name, t->namelen, mode, ino);
	if (rc)
		vfs_mnt_put(m);
	return rc;
}

int vfs_mkdir(const char *path)
{
	struct vfs_target t;
	uint64_t ino;
	int rc = make(path, NEW_DIR_MODE, &t, &ino);

	if (!rc)
		vfs_mnt_put(t.dir.mnt);
	return rc;
}

static int remove_entry(const char *path, bool isdir)
{
	struct vfs_target t;
	struct vfs_mnt *m;
	int rc = target_of(path, &t);

	if (rc)
		return rc;
	m = t.dir.mnt;
	rc = m->fs->remove(m->sb, t.dir.ino, t.name, t.namelen, isdir);
	vfs_mnt_put(m);
	return rc;
}

int vfs_rmdir(const char *path)
{
	return remove_entry(path, true);
}

int vfs_unlink(const char *path)
{
	return remove_entry(path, false);
}

int vfs_rename(const char *oldpath, const char *newpath)
{
	struct vfs_target *o = malloc(2 * sizeof(*o)), *n = o + 1;
	struct vfs_mnt *m;
	int rc = o ? target_of(oldpath, o) : -ENOMEM;

	if (rc) {
		free(o);
		return rc;
	}
	m = o->dir.mnt;
	rc = target_of(newpath, n);
	if (!rc) {
		if (n->dir.mnt != m)
			rc = -EXDEV;
		else
			rc = m->fs->rename(m->sb, o->dir.ino, o->name, o->namelen,
					   n->dir.ino, n->name, n->namelen);
		vfs_mnt_put(n->dir.mnt);
	}
	vfs_mnt_put(m);
	free(o);
	return rc;
}

int vfs_truncate(const char *path, uint64_t size)
{
	struct vfs_file *f;
	int rc = vfs_open_write(path, false, &f);

	if (rc)
		return rc;
	rc = f->node.mnt->fs->truncate(f->node.mnt->sb, f->node.ino, size);
	f->written = true;
	return vfs_close_sync(f) ? -EIO : rc;
}

static int refresh(struct vfs_file *f)
{
	int rc = f->node.mnt->fs->stat(f->node.mnt->sb, f->node.ino, &f->node.st);

	f->node.st.dev = (uintptr_t)f->node.mnt;
	return rc;
}

int vfs_open_write(const char *path, bool trunc, struct vfs_file **file)
{
	struct vfs_file *f = calloc(1, sizeof(*f));
	struct vfs_target t;
	int rc;

	if (!f)
		return -ENOMEM;
	rc = vfs_resolve(path, true, &f->node);
	if (rc == -ENOENT) {
		rc = make(path, NEW_FILE_MODE, &t, &f->node.ino);
		if (!rc) {
			f->node.mnt = t.dir.mnt;
			rc = refresh(f);
			if (rc)
				vfs_mnt_put(f->node.mnt);
		}
	} else if (!rc) {
		if (!VFS_ISREG(f->node.st.mode))
			rc = VFS_ISDIR(f->node.st.mode) ? -EISDIR : -EINVAL;
		else if (!f->node.mnt->fs->write)
			rc = -EROFS;
		if (!rc && trunc && f->node.st.size) {
			rc = f->node.mnt->fs->truncate(f->node.mnt->sb, f->node.ino, 0);
			f->written = true;
		}
		if (!rc)
			rc = refresh(f);
		if (rc)
			vfs_close_sync(f);
		if (rc)
			return rc;
	}
	if (rc) {
		free(f);
		return rc;
	}
	*file = f;
	return 0;
}

ssize_t vfs_pwrite(struct vfs_file *file, uint64_t off, const void *buf, size_t len)
{
	struct vfs_mnt *m = file->node.mnt;
	ssize_t n;

	if (!m->fs->write)
		return -EROFS;
	n = m->fs->write(m->sb, file->node.ino, off, buf, len);
	file->written = true;
	if (refresh(file) && n >= 0)
		n = -EIO;
	return n;
}
