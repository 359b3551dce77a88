/*
 * VFS glue of the ext2 writer: create (files and directories), write,
 * truncate, remove (unlink and rmdir), rename and sync on top of the
 * allocation, block-map and directory helpers.  Each namespace change
 * ends with ext2_sync(), so when it returns the change is on the device
 * and the filesystem there is consistent; file data is synced when the
 * VFS closes the file.  A mount the writer cannot handle answers -EROFS.
 */
#include <errno.h>
#include <vmm/vfs.h>
#include "ext2.h"

#define S_IFMT		0170000
#define S_IFDIR		0040000
#define S_IFREG		0100000
#define S_IFLNK		0120000
#define MAX_LINKS	65000

static int get(struct ext2_fs *fs, uint64_t ino, struct ext2_inode *in)
{
	if (!fs->writable)
		return -EROFS;
	return ino > 0xffffffffull ? -EIO : ext2_inode_read(fs, ino, in);
}

/* The last link of in is gone: free its blocks and the inode. */
static int release(struct ext2_fs *fs, struct ext2_inode *in)
{
	bool isdir = (in->mode & S_IFMT) == S_IFDIR;
	bool fast_link = (in->mode & S_IFMT) == S_IFLNK && !in->blocks512;
	int rc = 0;

	if (in->file_acl)
		return -EOPNOTSUPP;	/* checked before anything changed */
	if (!fast_link)
		rc = ext2_truncate(fs, in, 0);
	in->links = 0;
	in->size = 0;
	in->dtime = ext2_now();
	if (!rc)
		rc = ext2_inode_write(fs, in);
	return rc ? rc : ext2_inode_free(fs, in->ino, isdir);
}

int ext2w_create(void *sb, uint64_t dir, const char *name, size_t namelen,
		 uint32_t mode, uint64_t *ino)
{
	struct ext2_fs *fs = sb;
	bool isdir = (mode & S_IFMT) == S_IFDIR;
	struct ext2_inode p, in = { 0 };
	uint32_t child;
	int rc = get(fs, dir, &p);

	if (!rc && (p.mode & S_IFMT) != S_IFDIR)
		rc = -ENOTDIR;
	if (!rc && isdir && p.links >= MAX_LINKS)
		rc = -EMLINK;
	if (!rc) {
		rc = ext2_dir_lookup(fs, &p, name, namelen, &child);
		rc = rc == -ENOENT ? 0 : rc ? rc : -EEXIST;
	}
	if (!rc)
		rc = ext2_inode_alloc(fs, p.ino, isdir, &child);
	if (rc)
		return rc;
	rc = ext2_inode_new(fs, child, mode, &in);
	in.links = isdir ? 2 : 1;
	if (!rc && isdir)
		rc = ext2_dir_init(fs, &in, p.ino);
	if (!rc)
		rc = ext2_inode_write(fs, &in);
	if (!rc)
		rc = ext2_dir_add(fs, &p, name, namelen, child, mode);
	if (rc) {
		/* undo: the inode and its blocks were never linked */
		if (in.ino == child)
			release(fs, &in);
		else
			ext2_inode_free(fs, child, isdir);
		ext2_sync(fs);
		return rc;
	}
	if (isdir)
		p.links++;
	rc = ext2_inode_write(fs, &p);
	if (!rc)
		rc = ext2_sync(fs);
	if (!rc)
		*ino = child;
	return rc;
}

ssize_t ext2w_write(void *sb, uint64_t ino, uint64_t off, const void *buf, size_t len)
{
	struct ext2_fs *fs = sb;
	struct ext2_inode in;
	ssize_t n;
	int rc = get(fs, ino, &in);

	if (!rc && (in.mode & S_IFMT) != S_IFREG)
		rc = -EINVAL;
	if (rc)
		return rc;
	n = ext2_file_write(fs, &in, off, buf, len);
	rc = ext2_inode_write(fs, &in);
	return rc ? rc : n;
}

int ext2w_truncate(void *sb, uint64_t ino, uint64_t size)
{
	struct ext2_fs *fs = sb;
	struct ext2_inode in;
	int rc = get(fs, ino, &in);

	if (!rc && (in.mode & S_IFMT) != S_IFREG)
		rc = -EINVAL;
	if (rc)
		return rc;
	if (size > in.size) {
		in.size = size;		/* a hole up to the new end */
		in.mtime = ext2_now();
	} else {
		rc = ext2_truncate(fs, &in, size);
		in.mtime = ext2_now();
	}
	return ext2_inode_write(fs, &in) ? -EIO : rc;
}

/* Checks before removing entry name (inode c) of directory p. */
static int may_remove(struct ext2_fs *fs, struct ext2_inode *c, bool want_dir)
{
	bool isdir = (c->mode & S_IFMT) == S_IFDIR;
	int rc;

	if (c->ino == EXT2_ROOT_INO || c->ino < fs->first_ino)
		return -EBUSY;
	if (want_dir != isdir)
		return isdir ? -EISDIR : -ENOTDIR;
	if (c->flags & (EXT2_EXTENTS_FL | EXT2_INLINE_DATA_FL))
		return -EOPNOTSUPP;
	if ((c->links == 1 || isdir) && c->file_acl)
		return -EOPNOTSUPP;
	if (!isdir)
		return 0;
	rc = ext2_dir_is_empty(fs, c);
	return rc < 0 ? rc : rc ? 0 : -ENOTEMPTY;
}

/* Remove entry name of p that names c (checked by may_remove). */
static int drop_entry(struct ext2_fs *fs, struct ext2_inode *p, const char *name,
		      size_t namelen, struct ext2_inode *c)
{
	bool isdir = (c->mode & S_IFMT) == S_IFDIR;
	int rc = ext2_dir_remove(fs, p, name, namelen);

	if (rc)
		return rc;
	if (isdir && p->links > 1)
		p->links--;
	rc = ext2_inode_write(fs, p);
	if (!rc && (isdir || c->links <= 1))
		return release(fs, c);
	c->links--;
	return rc ? rc : ext2_inode_write(fs, c);
}

int ext2w_remove(void *sb, uint64_t dir, const char *name, size_t namelen, bool isdir)
{
	struct ext2_fs *fs = sb;
	struct ext2_inode p, c;
	uint32_t child;
	int rc = get(fs, dir, &p);

	if (!rc)
		rc = ext2_dir_lookup(fs, &p, name, namelen, &child);
	if (!rc)
		rc = ext2_inode_read(fs, child, &c);
	if (!rc)
		rc = may_remove(fs, &c, isdir);
	if (!rc)
		rc = drop_entry(fs, &p, name, namelen, &c);
	return rc ? rc : ext2_sync(fs);
}

/* -EINVAL if directory ino is dir or one of its ancestors. */
static int not_below(struct ext2_fs *fs, uint32_t ino, uint32_t dir)
{
	for (int depth = 0; depth < 4096; depth++) {
		struct ext2_inode in;
		uint32_t up;
		int rc;

		if (dir == ino)
			return -EINVAL;
		if (dir == EXT2_ROOT_INO)
			return 0;
		rc = ext2_inode_read(fs, dir, &in);
		if (!rc)
			rc = ext2_dir_lookup(fs, &in, "..", 2, &up);
		if (rc)
			return rc;
		dir = up;
	}
	return -EIO;
}

int ext2w_rename(void *sb, uint64_t odir, const char *oname, size_t olen,
		 uint64_t ndir, const char *nname, size_t nlen)
{
	struct ext2_fs *fs = sb;
	struct ext2_inode op, np, c, t;
	uint32_t child, target;
	bool isdir;
	int rc = get(fs, odir, &op);

	if (!rc)
		rc = get(fs, ndir, &np);
	if (!rc)
		rc = ext2_dir_lookup(fs, &op, oname, olen, &child);
	if (!rc)
		rc = ext2_inode_read(fs, child, &c);
	if (rc)
		return rc;
	isdir = (c.mode & S_IFMT) == S_IFDIR;
	if (child < fs->first_ino)
		return -EBUSY;
	if (isdir && (rc = not_below(fs, child, np.ino)))
		return rc;
	rc = ext2_dir_lookup(fs, &np, nname, nlen, &target);
	if (!rc && target == child)
		return 0;	/* the same file under both names */
	if (!rc) {
		rc = ext2_inode_read(fs, target, &t);
		if (!rc)
			rc = may_remove(fs, &t, isdir);
		if (!rc)
			rc = drop_entry(fs, &np, nname, nlen, &t);
	} else if (rc == -ENOENT) {
		rc = isdir && odir != ndir && np.links >= MAX_LINKS ? -EMLINK : 0;
	}
	if (!rc)
		rc = ext2_dir_add(fs, &np, nname, nlen, child, c.mode);
	if (!rc && odir == ndir)
		op = np;	/* one directory: carry the changes over */
	if (!rc)
		rc = ext2_dir_remove(fs, &op, oname, olen);
	if (!rc && isdir && odir != ndir) {
		rc = ext2_dir_set_dotdot(fs, &c, np.ino);
		op.links--;
		np.links++;
	}
	if (!rc && odir != ndir)
		rc = ext2_inode_write(fs, &np);
	if (!rc)
		rc = ext2_inode_write(fs, &op);
	return rc ? rc : ext2_sync(fs);
}

int ext2w_sync(void *sb)
{
	struct ext2_fs *fs = sb;

	return fs->writable ? ext2_sync(fs) : 0;
}
