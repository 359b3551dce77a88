/*
 * VFS glue of the ext2/3/4 driver: registers the "ext4" filesystem driver
 * and maps the VFS read operations (inode numbers are ext2 inode numbers)
 * onto the superblock, inode and directory helpers; the write operations
 * are in ext2_vfsw.c.  Unmounting writes everything back first.
 */
#include <errno.h>
#include <vmm/vfs.h>
#include "ext2.h"

static int get_inode(void *sb, uint64_t ino, struct ext2_inode *in)
{
	if (ino > 0xffffffffull)
		return -EIO;
	return ext2_inode_read(sb, ino, in);
}

static int ext4_mount(struct blockdev *bdev, void **sb)
{
	return ext2_fs_open(bdev, (struct ext2_fs **)sb);
}

static void ext4_unmount(void *sb)
{
	ext2w_sync(sb);
	ext2_fs_close(sb);
}

static uint64_t ext4_root(void *sb)
{
	(void)sb;
	return EXT2_ROOT_INO;
}

static int ext4_stat(void *sb, uint64_t ino, struct vfs_stat *st)
{
	struct ext2_inode in;
	int rc = get_inode(sb, ino, &in);

	if (rc)
		return rc;
	st->ino = ino;
	st->mode = in.mode;
	st->nlink = in.links;
	st->size = in.size;
	st->mtime = in.mtime;
	return 0;
}

static int ext4_lookup(void *sb, uint64_t dir, const char *name, size_t namelen,
		       uint64_t *ino)
{
	struct ext2_inode in;
	uint32_t child;
	int rc = get_inode(sb, dir, &in);

	if (!rc)
		rc = ext2_dir_lookup(sb, &in, name, namelen, &child);
	if (!rc)
		*ino = child;
	return rc;
}

struct fill_ctx {
	vfs_filldir_t fill;
	void *arg;
};

static int fill_fn(void *arg, const char *name, size_t namelen, uint32_t ino)
{
	struct fill_ctx *c = arg;

	return c->fill(c->arg, name, namelen, ino);
}

static int ext4_readdir(void *sb, uint64_t dir, vfs_filldir_t fill, void *arg)
{
	struct fill_ctx c = { fill, arg };
	struct ext2_inode in;
	int rc = get_inode(sb, dir, &in);

	return rc ? rc : ext2_dir_iterate(sb, &in, fill_fn, &c);
}

static ssize_t ext4_read(void *sb, uint64_t ino, uint64_t off, void *buf, size_t len)
{
	struct ext2_inode in;
	int rc = get_inode(sb, ino, &in);

	return rc ? rc : ext2_file_read(sb, &in, off, buf, len);
}

static ssize_t ext4_readlink(void *sb, uint64_t ino, char *buf, size_t len)
{
	struct ext2_inode in;
	int rc = get_inode(sb, ino, &in);

	return rc ? rc : ext2_readlink(sb, &in, buf, len);
}

VMM_FILESYSTEM(ext4_fs) = {
	.name = "ext4",
	.order = 10,
	.mount = ext4_mount,
	.unmount = ext4_unmount,
	.root = ext4_root,
	.stat = ext4_stat,
	.lookup = ext4_lookup,
	.readdir = ext4_readdir,
	.read = ext4_read,
	.readlink = ext4_readlink,
	.create = ext2w_create,
	.write = ext2w_write,
	.truncate = ext2w_truncate,
	.remove = ext2w_remove,
	.rename = ext2w_rename,
	.sync = ext2w_sync,
};
