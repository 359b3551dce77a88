/*
 * VFS file API on top of path resolution: open/read/close of regular files,
 * stat, directory listing and whole-file reads.  Modifications are in
 * vfs_write.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_priv.h"

int vfs_open(const char *path, struct vfs_file **file)
{
	struct vfs_file *f = calloc(1, sizeof(*f));
	int rc;

	if (!f)
		return -ENOMEM;
	rc = vfs_resolve(path, true, &f->node);
	if (!rc && !VFS_ISREG(f->node.st.mode)) {
		vfs_mnt_put(f->node.mnt);
		rc = VFS_ISDIR(f->node.st.mode) ? -EISDIR : -EINVAL;
	}
	if (rc) {
		free(f);
		return rc;
	}
	*file = f;
	return 0;
}

ssize_t vfs_pread(struct vfs_file *file, uint64_t off, void *buf, size_t len)
{
	struct vfs_mnt *m = file->node.mnt;
	uint64_t size = file->node.st.size;

	if (off >= size)
		return 0;
	if (len > size - off)
		len = size - off;
	return m->fs->read(m->sb, file->node.ino, off, buf, len);
}

ssize_t vfs_read(struct vfs_file *file, void *buf, size_t len)
{
	ssize_t n = vfs_pread(file, file->pos, buf, len);

	if (n > 0)
		file->pos += n;
	return n;
}

void vfs_fstat(struct vfs_file *file, struct vfs_stat *st)
{
	*st = file->node.st;
}

int vfs_close_sync(struct vfs_file *file)
{
	struct vfs_mnt *m;
	int rc = 0;

	if (!file)
		return 0;
	m = file->node.mnt;
	if (file->written && m->fs->sync)
		rc = m->fs->sync(m->sb);
	vfs_mnt_put(m);
	free(file);
	return rc;
}

void vfs_close(struct vfs_file *file)
{
	vfs_close_sync(file);
}

static int do_stat(const char *path, bool follow, struct vfs_stat *st)
{
	struct vfs_node node;
	int rc = vfs_resolve(path, follow, &node);

	if (rc)
		return rc;
	*st = node.st;
	vfs_mnt_put(node.mnt);
	return 0;
}

int vfs_stat(const char *path, struct vfs_stat *st)
{
	return do_stat(path, true, st);
}

int vfs_lstat(const char *path, struct vfs_stat *st)
{
	return do_stat(path, false, st);
}

struct readdir_ctx {
	struct vfs_mnt *mnt;
	vfs_dir_cb cb;
	void *arg;
	char name[VFS_NAME_MAX + 1];
};

static int readdir_fill(void *arg, const char *name, size_t namelen, uint64_t ino)
{
	struct readdir_ctx *ctx = arg;
	struct vfs_stat st;
	int rc;

	if (namelen > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	rc = ctx->mnt->fs->stat(ctx->mnt->sb, ino, &st);
	if (rc)
		return rc;
	st.dev = (uintptr_t)ctx->mnt;
	memcpy(ctx->name, name, namelen);
	ctx->name[namelen] = '\0';
	return ctx->cb(ctx->arg, ctx->name, &st);
}

int vfs_readdir(const char *path, vfs_dir_cb cb, void *arg)
{
	struct readdir_ctx *ctx;
	struct vfs_node node;
	int rc = vfs_resolve(path, true, &node);

	if (rc)
		return rc;
	ctx = malloc(sizeof(*ctx));
	if (!ctx)
		rc = -ENOMEM;
	else if (!VFS_ISDIR(node.st.mode))
		rc = -ENOTDIR;
	if (!rc) {
		ctx->mnt = node.mnt;
		ctx->cb = cb;
		ctx->arg = arg;
		rc = node.mnt->fs->readdir(node.mnt->sb, node.ino, readdir_fill, ctx);
	}
	free(ctx);
	vfs_mnt_put(node.mnt);
	return rc;
}

int vfs_read_file(const char *path, size_t max, char **buf, size_t *len)
{
	struct vfs_file *f;
	size_t size, done = 0;
	char *b;
	int rc = vfs_open(path, &f);

	if (rc)
		return rc;
	if (f->node.st.size > max) {
		vfs_close(f);
		return -EFBIG;
	}
	size = f->node.st.size;
	b = malloc(size + 1);
	if (!b) {
		vfs_close(f);
		return -ENOMEM;
	}
	while (done < size) {
		ssize_t n = vfs_read(f, b + done, size - done);

		if (n <= 0) {
			rc = n ? (int)n : -EIO;
			break;
		}
		done += n;
	}
	vfs_close(f);
	if (rc) {
		free(b);
		return rc;
	}
	b[size] = '\0';
	*buf = b;
	*len = size;
	return 0;
}
