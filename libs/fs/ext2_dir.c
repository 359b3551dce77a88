/*
 * ext2/3/4 directories: a linear walk over every directory block that
 * validates each record (aligned length of at least 8 bytes that stays in
 * its block and holds its name).  htree (dir_index) directories need no
 * special case: their index blocks look like empty records to this walk.
 */
#include <errno.h>
#include <stdlib.h>
#include "ext2.h"

static int walk_block(const uint8_t *b, uint32_t bs, ext2_dir_fn fn, void *arg)
{
	uint32_t off = 0;

	while (off + 8 <= bs) {
		uint32_t ino = ext2_le32(b + off);
		uint16_t rec = ext2_le16(b + off + 4);
		uint8_t nlen = b[off + 6];
		int rc;

		if (rec < 8 || rec % 4 || rec > bs - off)
			return -EIO;
		if (ino && nlen) {
			if (8u + nlen > rec)
				return -EIO;
			rc = fn(arg, (const char *)b + off + 8, nlen, ino);
			if (rc)
				return rc;
		}
		off += rec;
	}
	return 0;
}

int ext2_dir_iterate(struct ext2_fs *fs, const struct ext2_inode *dir,
		     ext2_dir_fn fn, void *arg)
{
	uint64_t nblocks = (dir->size + fs->block_size - 1) / fs->block_size;
	uint8_t *b;
	int rc = 0;

	if ((dir->mode & 0170000) != 0040000)
		return -ENOTDIR;
	if (nblocks > fs->blocks_count)
		return -EIO;
	b = malloc(fs->block_size);
	if (!b)
		return -ENOMEM;
	for (uint64_t i = 0; i < nblocks && !rc; i++) {
		uint64_t pblk;

		rc = ext2_bmap(fs, dir, i, &pblk);
		if (!rc && pblk)
			rc = ext2_read_block(fs, pblk, 0, b, fs->block_size);
		if (!rc && pblk)
			rc = walk_block(b, fs->block_size, fn, arg);
	}
	free(b);
	return rc;
}

struct lookup_ctx {
	const char *name;
	size_t len;
	uint32_t ino;
};

static int lookup_fn(void *arg, const char *name, size_t namelen, uint32_t ino)
{
	struct lookup_ctx *c = arg;

	if (namelen != c->len || memcmp(name, c->name, namelen))
		return 0;
	c->ino = ino;
	return 1;
}

int ext2_dir_lookup(struct ext2_fs *fs, const struct ext2_inode *dir,
		    const char *name, size_t namelen, uint32_t *ino)
{
	struct lookup_ctx c = { name, namelen, 0 };
	int rc = ext2_dir_iterate(fs, dir, lookup_fn, &c);

	if (rc < 0)
		return rc;
	if (!rc)
		return -ENOENT;
	*ino = c.ino;
	return 0;
}
