/*
 * Read-only cpio "newc" (070701/070702) archive filesystem.  Mounting scans
 * the whole archive once into an index of entries (path without a leading
 * "./" or "/", mode, size, mtime and data offset); lookups and directory
 * listings search that index.  Inode 0 is the implicit root directory and
 * inode i is entry i - 1.  A malformed or truncated archive fails to mount.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/vfs.h>

#define CPIO_HDR	110
#define CPIO_MAX_FILES	65536

struct cpio_ent {
	char *path;
	uint32_t mode;
	uint32_t nlink;
	uint32_t mtime;
	uint64_t size;
	uint64_t data;
};

struct cpio_fs {
	struct blockdev *bdev;
	struct cpio_ent *ents;
	uint32_t count;
};

static int hex8(const char *s, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			return -EINVAL;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static int is_magic(const char *h)
{
	return !memcmp(h, "070701", 6) || !memcmp(h, "070702", 6);
}

static void cpio_free(struct cpio_fs *fs)
{
	for (uint32_t i = 0; i < fs->count; i++)
		free(fs->ents[i].path);
	free(fs->ents);
	free(fs);
}

/* Parse the entry at *pos; 1 at the trailer, 0 for an entry, -errno. */
static int parse_entry(struct cpio_fs *fs, uint64_t *pos, struct cpio_ent *e)
{
	uint64_t devsize = blockdev_size(fs->bdev), off = *pos;
	uint32_t f[13], namesize;
	char h[CPIO_HDR], *name;
	int rc = blockdev_read_bytes(fs->bdev, off, h, CPIO_HDR);

	for (int i = 0; !rc && i < 13; i++)
		rc = hex8(h + 6 + 8 * i, &f[i]);
	if (rc || !is_magic(h))
		return -EINVAL;
	namesize = f[11];
	if (!namesize || namesize > VFS_PATH_MAX)
		return -EINVAL;
	name = malloc(namesize);
	if (!name)
		return -ENOMEM;
	off += CPIO_HDR;
	rc = blockdev_read_bytes(fs->bdev, off, name, namesize);
	if (rc || name[namesize - 1]) {
		free(name);
		return -EINVAL;
	}
	off = (off + namesize + 3) & ~3ull;
	e->path = name;
	e->mode = f[1];
	e->nlink = f[4];
	e->mtime = f[5];
	e->size = f[6];
	e->data = off;
	if (off > devsize || e->size > devsize - off) {
		free(name);
		return -EINVAL;
	}
	*pos = (off + e->size + 3) & ~3ull;
	if (!strcmp(name, "TRAILER!!!")) {
		free(name);
		return 1;
	}
	return 0;
}

/* Strip "./" and "/" prefixes and trailing slashes; "" is the root. */
static void normalize(char *p)
{
	size_t skip = 0, n;

	while (p[skip] == '/' || (p[skip] == '.' && (p[skip + 1] == '/' || !p[skip + 1])))
		skip++;
	memmove(p, p + skip, strlen(p + skip) + 1);
	n = strlen(p);
	while (n && p[n - 1] == '/')
		p[--n] = '\0';
}

static int cpio_scan(struct cpio_fs *fs)
{
	uint64_t pos = 0;
	uint32_t cap = 0;

	for (;;) {
		struct cpio_ent e;
		int rc;

		if (fs->count == CPIO_MAX_FILES)
			return -EFBIG;
		rc = parse_entry(fs, &pos, &e);
		if (rc)
			return rc < 0 ? rc : 0;
		normalize(e.path);
		if (!e.path[0]) {
			free(e.path);
			continue;
		}
		if (fs->count == cap) {
			struct cpio_ent *n;

			cap = cap ? 2 * cap : 64;
			n = realloc(fs->ents, cap * sizeof(*n));
			if (!n) {
				free(e.path);
				return -ENOMEM;
			}
			fs->ents = n;
		}
		fs->ents[fs->count++] = e;
	}
}

static int cpio_mount(struct blockdev *bdev, void **sb)
{
	struct cpio_fs *fs;
	char magic[6];
	int rc;

	if (blockdev_size(bdev) < CPIO_HDR ||
	    blockdev_read_bytes(bdev, 0, magic, sizeof(magic)) || !is_magic(magic))
		return -ENODEV;
	fs = calloc(1, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	fs->bdev = bdev;
	rc = cpio_scan(fs);
	if (rc) {
		printf("cpio: malformed or truncated archive (error %d)\n", rc);
		cpio_free(fs);
		return rc;
	}
	*sb = fs;
	return 0;
}

static void cpio_unmount(void *sb)
{
	cpio_free(sb);
}

static uint64_t cpio_root(void *sb)
{
	(void)sb;
	return 0;
}

static struct cpio_ent *ent(struct cpio_fs *fs, uint64_t ino)
{
	return ino && ino <= fs->count ? &fs->ents[ino - 1] : NULL;
}

static int cpio_stat(void *sb, uint64_t ino, struct vfs_stat *st)
{
	struct cpio_ent *e = ent(sb, ino);

	memset(st, 0, sizeof(*st));
	st->ino = ino;
	if (!ino) {
		st->mode = VFS_S_IFDIR | 0755;
		st->nlink = 2;
		return 0;
	}
	if (!e)
		return -EIO;
	st->mode = e->mode;
	st->nlink = e->nlink;
	st->size = e->size;
	st->mtime = e->mtime;
	return 0;
}

/* Does path p name a direct child of directory dir ("" for the root)?
 * Returns the child's name or NULL. */
static const char *child_name(const char *dir, const char *p)
{
	size_t n = strlen(dir);

	if (n && (strncmp(p, dir, n) || p[n] != '/'))
		return NULL;
	p += n ? n + 1 : 0;
	return *p && !strchr(p, '/') ? p : NULL;
}

static int cpio_readdir(void *sb, uint64_t dir, vfs_filldir_t fill, void *arg)
{
	struct cpio_fs *fs = sb;
	const char *dpath = dir ? ent(fs, dir) ? ent(fs, dir)->path : NULL : "";

	if (!dpath)
		return -EIO;
	for (uint32_t i = 0; i < fs->count; i++) {
		const char *c = child_name(dpath, fs->ents[i].path);
		int rc = c ? fill(arg, c, strlen(c), i + 1) : 0;

		if (rc)
			return rc;
	}
	return 0;
}

struct find_ctx {
	const char *name;
	size_t len;
	uint64_t ino;
};

static int find_fill(void *arg, const char *name, size_t namelen, uint64_t ino)
{
	struct find_ctx *c = arg;

	if (namelen != c->len || memcmp(name, c->name, namelen))
		return 0;
	c->ino = ino;
	return 1;
}

static int cpio_lookup(void *sb, uint64_t dir, const char *name, size_t namelen,
		       uint64_t *ino)
{
	struct find_ctx c = { name, namelen, 0 };
	int rc = cpio_readdir(sb, dir, find_fill, &c);

	if (rc < 0)
		return rc;
	if (!rc)
		return -ENOENT;
	*ino = c.ino;
	return 0;
}

static ssize_t cpio_read(void *sb, uint64_t ino, uint64_t off, void *buf, size_t len)
{
	struct cpio_fs *fs = sb;
	struct cpio_ent *e = ent(fs, ino);
	int rc;

	if (!e)
		return -EIO;
	if (off >= e->size)
		return 0;
	if (len > e->size - off)
		len = e->size - off;
	if (len > 0x40000000)
		len = 0x40000000;
	rc = blockdev_read_bytes(fs->bdev, e->data + off, buf, len);
	return rc ? rc : (ssize_t)len;
}

static ssize_t cpio_readlink(void *sb, uint64_t ino, char *buf, size_t len)
{
	struct cpio_ent *e = ent(sb, ino);

	if (!e || !VFS_ISLNK(e->mode))
		return -EINVAL;
	return cpio_read(sb, ino, 0, buf, len);
}

VMM_FILESYSTEM(cpio_fs) = {
	.name = "cpio",
	.order = 0,
	.mount = cpio_mount,
	.unmount = cpio_unmount,
	.root = cpio_root,
	.stat = cpio_stat,
	.lookup = cpio_lookup,
	.readdir = cpio_readdir,
	.read = cpio_read,
	.readlink = cpio_readlink,
};
