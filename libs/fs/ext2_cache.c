/*
 * Write-back cache of ext2 metadata blocks (bitmaps, group descriptors,
 * inode tables, indirect and directory blocks) and the in-memory primary
 * superblock.  Callers copy bytes in and out (no pointers into the cache
 * escape), so evicting an entry never leaves a dangling reference.  When
 * every slot is dirty the whole cache is written back first.  Write-back
 * goes in ascending block order and the superblock last; ext2_sync() then
 * flushes the device, so once it returns the filesystem on the device is
 * consistent and durable.
 */
#include <errno.h>
#include <stdlib.h>
#include "ext2.h"

#define CACHE_BYTES	(256 * 1024)
#define CACHE_MIN	16
#define SB_BYTE_OFFSET	1024

struct cache_ent {
	uint64_t blk;
	bool valid;
	bool dirty;
	uint8_t *data;
};

struct ext2_cache {
	unsigned int n;
	unsigned int next;	/* round-robin eviction hand */
	unsigned int recent[2];	/* the last two hits: a file's indirect blocks */
	struct cache_ent ent[];
};

int ext2_cache_init(struct ext2_fs *fs)
{
	unsigned int n = CACHE_BYTES / fs->block_size;
	struct ext2_cache *c;

	if (n < CACHE_MIN)
		n = CACHE_MIN;
	c = calloc(1, sizeof(*c) + n * sizeof(c->ent[0]));
	if (!c)
		return -ENOMEM;
	c->n = n;
	fs->cache = c;
	return 0;
}

void ext2_cache_free(struct ext2_fs *fs)
{
	struct ext2_cache *c = fs->cache;

	if (!c)
		return;
	for (unsigned int i = 0; i < c->n; i++)
		free(c->ent[i].data);
	free(c);
	fs->cache = NULL;
}

static bool holds(const struct cache_ent *e, uint64_t blk)
{
	return e->valid && e->blk == blk;
}

/* Reading a long file asks for the same (double) indirect blocks once per
 * data block: the last two hits are tried before the scan. */
static struct cache_ent *find(struct ext2_cache *c, uint64_t blk)
{
	if (!c)
		return NULL;
	for (unsigned int r = 0; r < 2; r++)
		if (holds(&c->ent[c->recent[r]], blk))
			return &c->ent[c->recent[r]];
	for (unsigned int i = 0; i < c->n; i++) {
		if (holds(&c->ent[i], blk)) {
			c->recent[1] = c->recent[0];
			c->recent[0] = i;
			return &c->ent[i];
		}
	}
	return NULL;
}

bool ext2_cache_lookup(struct ext2_fs *fs, uint64_t blk, uint32_t off, void *buf,
		       size_t len)
{
	struct cache_ent *e = find(fs->cache, blk);

	if (e)
		memcpy(buf, e->data + off, len);
	return e != NULL;
}

/* Blocks [blk, blk + n) were just read from the device into dst: the dirty
 * cached ones among them replace what the device still has (a clean entry
 * equals the device).  One pass over the cache, however long the run. */
void ext2_cache_overlay(struct ext2_fs *fs, uint64_t blk, uint32_t n, uint8_t *dst)
{
	struct ext2_cache *c = fs->cache;

	for (unsigned int i = 0; c && i < c->n; i++) {
		struct cache_ent *e = &c->ent[i];

		if (e->valid && e->dirty && e->blk >= blk && e->blk - blk < n)
			memcpy(dst + (size_t)(e->blk - blk) * fs->block_size, e->data,
			       fs->block_size);
	}
}

static int write_block(struct ext2_fs *fs, uint64_t blk, const void *data)
{
	uint32_t per = fs->block_size / fs->bdev->block_size;

	return blockdev_write_blocks(fs->bdev, blk * per, per, data);
}

/* Write back dirty entries lowest block first (a selection pass per entry:
 * the cache is small). */
static int writeback_blocks(struct ext2_fs *fs)
{
	struct ext2_cache *c = fs->cache;

	for (;;) {
		struct cache_ent *low = NULL;
		int rc;

		for (unsigned int i = 0; i < c->n; i++)
			if (c->ent[i].valid && c->ent[i].dirty && (!low || c->ent[i].blk < low->blk))
				low = &c->ent[i];
		if (!low)
			return 0;
		rc = write_block(fs, low->blk, low->data);
		if (rc)
			return rc;
		low->dirty = false;
	}
}

static struct cache_ent *get_slot(struct ext2_fs *fs)
{
	struct ext2_cache *c = fs->cache;

	for (unsigned int tries = 0; tries < 2 * c->n; tries++) {
		struct cache_ent *e = &c->ent[c->next];

		c->next = (c->next + 1) % c->n;
		if (!e->data)
			e->data = malloc(fs->block_size);
		if (!e->data)
			return NULL;
		if (!e->valid || !e->dirty) {
			e->valid = false;
			return e;
		}
		if (tries == c->n - 1 && writeback_blocks(fs))
			return NULL;
	}
	return NULL;
}

/* The cache entry of blk, loaded from disk unless whole is set (the caller
 * overwrites the entire block). */
static int get_entry(struct ext2_fs *fs, uint64_t blk, bool whole, struct cache_ent **out)
{
	struct cache_ent *e;
	int rc;

	if (blk >= fs->blocks_count || !fs->cache)
		return -EIO;
	e = find(fs->cache, blk);
	if (!e) {
		e = get_slot(fs);
		if (!e)
			return -ENOMEM;
		rc = whole ? 0 : blockdev_read_bytes(fs->bdev, blk * fs->block_size,
						     e->data, fs->block_size);
		if (rc)
			return rc;
		e->blk = blk;
		e->valid = true;
		e->dirty = false;
	}
	*out = e;
	return 0;
}

int ext2_meta_read(struct ext2_fs *fs, uint64_t blk, uint32_t off, void *buf, size_t len)
{
	struct cache_ent *e;
	int rc;

	if (off > fs->block_size || len > fs->block_size - off)
		return -EIO;
	rc = get_entry(fs, blk, false, &e);
	if (!rc)
		memcpy(buf, e->data + off, len);
	return rc;
}

int ext2_meta_write(struct ext2_fs *fs, uint64_t blk, uint32_t off, const void *buf,
		    size_t len)
{
	struct cache_ent *e;
	int rc;

	if (!fs->writable)
		return -EROFS;
	if (off > fs->block_size || len > fs->block_size - off)
		return -EIO;
	rc = get_entry(fs, blk, !off && len == fs->block_size, &e);
	if (!rc) {
		memcpy(e->data + off, buf, len);
		e->dirty = true;
	}
	return rc;
}

void ext2_cache_forget(struct ext2_fs *fs, uint64_t blk)
{
	struct cache_ent *e = find(fs->cache, blk);

	if (e)
		e->valid = e->dirty = false;
}

uint32_t ext2_sb_get(struct ext2_fs *fs, uint32_t off)
{
	return ext2_le32(fs->sb_raw + off);
}

void ext2_sb_set(struct ext2_fs *fs, uint32_t off, uint32_t val)
{
	for (int i = 0; i < 4; i++)
		fs->sb_raw[off + i] = val >> (8 * i);
	fs->sb_dirty = true;
}

int ext2_writeback(struct ext2_fs *fs)
{
	uint32_t bs = fs->bdev->block_size;
	int rc;

	if (!fs->writable)
		return 0;
	rc = writeback_blocks(fs);
	if (rc || !fs->sb_dirty)
		return rc;
	ext2_sb_set(fs, 48, ext2_now());	/* s_wtime */
	rc = blockdev_write_blocks(fs->bdev, SB_BYTE_OFFSET / bs, 1024 / bs, fs->sb_raw);
	if (!rc)
		fs->sb_dirty = false;
	return rc;
}

int ext2_sync(struct ext2_fs *fs)
{
	int rc = ext2_writeback(fs);

	return rc ? rc : blockdev_flush(fs->bdev);
}
