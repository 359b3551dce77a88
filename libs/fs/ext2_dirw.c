/*
 * Changing ext2 directories: adding an entry (into the slack of an
 * existing record or an unused one, else into a new block appended to the
 * directory), removing one (merged into the record before it, or marked
 * unused when it opens its block), rewriting "..", and the emptiness test
 * of rmdir.  Directory blocks go through the metadata cache.  A directory
 * changed here loses its htree index flag: it is then read linearly, which
 * both this driver and Linux do correctly (the index blocks look like
 * empty records).
 */
#include <errno.h>
#include <stdlib.h>
#include "ext2.h"

#define INCOMPAT_FILETYPE	0x0002

static uint16_t rec_need(size_t namelen)
{
	return (8 + namelen + 3) & ~3u;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put_entry(struct ext2_fs *fs, uint8_t *r, uint32_t ino, uint16_t rec,
		      const char *name, size_t namelen, uint16_t mode)
{
	static const uint8_t types[16] = { [1] = 5, [2] = 3, [4] = 2, [6] = 4, [8] = 1,
					   [10] = 7, [12] = 6 };

	put16(r, ino);
	put16(r + 2, ino >> 16);
	put16(r + 4, rec);
	r[6] = namelen;
	r[7] = fs->incompat & INCOMPAT_FILETYPE ? types[(mode >> 12) & 15] : 0;
	memcpy(r + 8, name, namelen);
}

/* Drop the htree flag of a directory that is about to change. */
static void drop_index(struct ext2_inode *dir)
{
	dir->flags &= ~EXT2_INDEX_FL;
}

/* Check one record at off of a block of bs bytes; its length or -EIO. */
static int rec_at(const uint8_t *b, uint32_t off, uint32_t bs)
{
	uint16_t rec = ext2_le16(b + off + 4);

	if (off + 8 > bs || rec < 8 || rec % 4 || rec > bs - off ||
	    (ext2_le32(b + off) && 8u + b[off + 6] > rec))
		return -EIO;
	return rec;
}

/* Try to place the entry in block b: true if it was put there. */
static int add_in_block(struct ext2_fs *fs, uint8_t *b, const char *name, size_t namelen,
			uint32_t ino, uint16_t mode)
{
	uint16_t need = rec_need(namelen);

	for (uint32_t off = 0; off < fs->block_size;) {
		int rec = rec_at(b, off, fs->block_size);
		uint16_t used;

		if (rec < 0)
			return rec;
		used = ext2_le32(b + off) ? rec_need(b[off + 6]) : 0;
		if (rec - used >= need) {
			if (used)
				put16(b + off + 4, used);
			put_entry(fs, b + off + used, ino, rec - used, name, namelen, mode);
			return 1;
		}
		off += rec;
	}
	return 0;
}

int ext2_dir_add(struct ext2_fs *fs, struct ext2_inode *dir, const char *name,
		 size_t namelen, uint32_t ino, uint16_t mode)
{
	uint64_t nblocks = (dir->size + fs->block_size - 1) / fs->block_size, pblk = 0;
	uint8_t *b;
	int rc = 0;

	if (!namelen || namelen > 255)
		return -EINVAL;
	if (nblocks > fs->blocks_count || dir->size % fs->block_size)
		return -EIO;
	b = malloc(fs->block_size);
	if (!b)
		return -ENOMEM;
	drop_index(dir);
	for (uint64_t i = 0; i < nblocks && !rc; i++) {
		rc = ext2_bmap(fs, dir, i, &pblk);
		if (!rc && !pblk)
			continue;	/* a hole: skipped, as readers do */
		if (!rc)
			rc = ext2_meta_read(fs, pblk, 0, b, fs->block_size);
		if (!rc)
			rc = add_in_block(fs, b, name, namelen, ino, mode);
		if (rc == 1)
			rc = ext2_meta_write(fs, pblk, 0, b, fs->block_size);
		else if (!rc)
			pblk = 0;
		if (!rc && pblk)
			break;
	}
	if (!rc && !pblk) {
		rc = ext2_bmap_alloc(fs, dir, nblocks, &pblk, NULL);
		if (!rc) {
			memset(b, 0, fs->block_size);
			put_entry(fs, b, ino, fs->block_size, name, namelen, mode);
			rc = ext2_meta_write(fs, pblk, 0, b, fs->block_size);
			dir->size += fs->block_size;
		}
	}
	free(b);
	dir->mtime = ext2_now();
	return rc;
}

/* Find name in block b: offset of its record and of the one before it
 * (-1 when it opens the block); 1 if found. */
static int find_in_block(struct ext2_fs *fs, const uint8_t *b, const char *name,
			 size_t namelen, uint32_t *at, int64_t *prev)
{
	*prev = -1;
	for (uint32_t off = 0; off < fs->block_size;) {
		int rec = rec_at(b, off, fs->block_size);

		if (rec < 0)
			return rec;
		if (ext2_le32(b + off) && b[off + 6] == namelen &&
		    !memcmp(b + off + 8, name, namelen)) {
			*at = off;
			return 1;
		}
		*prev = off;
		off += rec;
	}
	return 0;
}

int ext2_dir_remove(struct ext2_fs *fs, struct ext2_inode *dir, const char *name,
		    size_t namelen)
{
	uint64_t nblocks = (dir->size + fs->block_size - 1) / fs->block_size, pblk;
	uint8_t *b;
	int rc = -ENOENT;

	if (nblocks > fs->blocks_count)
		return -EIO;
	b = malloc(fs->block_size);
	if (!b)
		return -ENOMEM;
	for (uint64_t i = 0; i < nblocks && rc == -ENOENT; i++) {
		uint32_t at = 0;
		int64_t prev = -1;

		rc = ext2_bmap(fs, dir, i, &pblk);
		if (!rc && pblk)
			rc = ext2_meta_read(fs, pblk, 0, b, fs->block_size);
		if (!rc && pblk)
			rc = find_in_block(fs, b, name, namelen, &at, &prev);
		if (rc == 1) {
			if (prev >= 0)
				put16(b + prev + 4, ext2_le16(b + prev + 4) + ext2_le16(b + at + 4));
			else
				memset(b + at, 0, 4);
			drop_index(dir);
			dir->mtime = ext2_now();
			rc = ext2_meta_write(fs, pblk, 0, b, fs->block_size);
		} else if (!rc) {
			rc = -ENOENT;
		}
	}
	free(b);
	return rc;
}

int ext2_dir_init(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t parent)
{
	uint8_t *b = calloc(1, fs->block_size);
	uint64_t pblk;
	int rc = b ? ext2_bmap_alloc(fs, dir, 0, &pblk, NULL) : -ENOMEM;

	if (!rc) {
		put_entry(fs, b, dir->ino, 12, ".", 1, 0040000);
		put_entry(fs, b + 12, parent, fs->block_size - 12, "..", 2, 0040000);
		rc = ext2_meta_write(fs, pblk, 0, b, fs->block_size);
		dir->size = fs->block_size;
	}
	free(b);
	return rc;
}

int ext2_dir_set_dotdot(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t parent)
{
	uint8_t head[24], ino[4];
	uint64_t pblk;
	int rc = ext2_bmap(fs, dir, 0, &pblk);
	int rec;

	if (!rc && !pblk)
		rc = -EIO;
	if (!rc)
		rc = ext2_meta_read(fs, pblk, 0, head, sizeof(head));
	if (rc)
		return rc;
	rec = rec_at(head, 0, fs->block_size);
	if (rec < 0 || rec + 12 > (int)sizeof(head) || head[rec + 6] != 2 ||
	    memcmp(head + rec + 8, "..", 2))
		return -EIO;
	put16(ino, parent);
	put16(ino + 2, parent >> 16);
	return ext2_meta_write(fs, pblk, rec, ino, 4);
}

static int not_dot(void *arg, const char *name, size_t namelen, uint32_t ino)
{
	(void)arg;
	(void)ino;
	return !(namelen == 1 && name[0] == '.') &&
	       !(namelen == 2 && name[0] == '.' && name[1] == '.');
}

int ext2_dir_is_empty(struct ext2_fs *fs, struct ext2_inode *dir)
{
	int rc = ext2_dir_iterate(fs, dir, not_dot, NULL);

	return rc < 0 ? rc : !rc;
}
