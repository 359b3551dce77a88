/*
 * ext2 block and inode allocation: the per-group bitmaps and the free
 * counts in the group descriptors and the superblock, all changed through
 * the metadata cache.  Blocks are taken in contiguous runs from a goal
 * (the block after the last allocation) so a file written front to back
 * lies in order.  Counts or bitmaps that contradict each other (a free
 * block found in a full group, a double free, a count that would wrap)
 * are corruption, and so is a "free" block that holds a group's bitmaps or
 * inode table: the call fails with -EIO before anything is changed.
 */
#include <errno.h>
#include <stdlib.h>
#include "ext2.h"

#define SB_FREE_BLOCKS	12
#define SB_FREE_INODES	16
#define GD_BLOCK_BITMAP	0
#define GD_INODE_BITMAP	4
#define GD_FREE_BLOCKS	12
#define GD_FREE_INODES	14
#define GD_USED_DIRS	16

struct group {
	uint32_t g;
	uint64_t desc_blk;
	uint32_t desc_off;
	uint8_t d[32];
};

static int group_read(struct ext2_fs *fs, uint32_t g, struct group *gr)
{
	int rc = ext2_desc_location(fs, g, &gr->desc_blk, &gr->desc_off);

	gr->g = g;
	return rc ? rc : ext2_meta_read(fs, gr->desc_blk, gr->desc_off, gr->d, 32);
}

/* Add delta to the 16-bit group field at off and to the 32-bit superblock
 * field sb_off (if any); -EIO if either would leave its range. */
static int group_count(struct ext2_fs *fs, struct group *gr, uint32_t off, int delta,
		       uint32_t sb_off, uint32_t max)
{
	int64_t v = ext2_le16(gr->d + off) + (int64_t)delta;
	int64_t s = sb_off ? ext2_sb_get(fs, sb_off) + (int64_t)delta : 0;

	if (v < 0 || v > max || s < 0)
		return -EIO;
	gr->d[off] = (uint8_t)v;
	gr->d[off + 1] = (uint8_t)(v >> 8);
	if (sb_off)
		ext2_sb_set(fs, sb_off, (uint32_t)s);
	return ext2_meta_write(fs, gr->desc_blk, gr->desc_off + off, gr->d + off, 2);
}

static uint32_t group_blocks(struct ext2_fs *fs, uint32_t g)
{
	uint64_t first = fs->first_data_block + (uint64_t)g * fs->blocks_per_group;
	uint64_t left = fs->blocks_count - first;

	return left < fs->blocks_per_group ? (uint32_t)left : fs->blocks_per_group;
}

static bool bit(const uint8_t *map, uint32_t i)
{
	return map[i / 8] & (1u << (i % 8));
}

static void set_bits(uint8_t *map, uint32_t i, uint32_t n, bool on)
{
	for (; n--; i++) {
		if (on)
			map[i / 8] |= 1u << (i % 8);
		else
			map[i / 8] &= ~(1u << (i % 8));
	}
}

/* First clear bit in [from, limit), or limit. */
static uint32_t find_clear(const uint8_t *map, uint32_t from, uint32_t limit)
{
	while (from < limit && bit(map, from))
		from++;
	return from;
}

static bool overlaps(uint64_t a, uint64_t na, uint64_t b, uint64_t nb)
{
	return a < b + nb && b < a + na;
}

/* A run that a bitmap calls free but that holds the group's own bitmaps
 * or inode table, or the primary superblock and descriptors, means the
 * bitmap is corrupt. */
static bool hits_metadata(struct ext2_fs *fs, const struct group *gr, uint64_t blk,
			  uint32_t n)
{
	uint64_t itb = ((uint64_t)fs->inodes_per_group * fs->inode_size + fs->block_size - 1) /
		       fs->block_size;
	uint64_t gdt = fs->incompat & EXT2_INCOMPAT_META_BG ? fs->first_meta_bg + 1 :
		       ((uint64_t)fs->groups * fs->desc_size + fs->block_size - 1) / fs->block_size;

	return overlaps(blk, n, ext2_le32(gr->d + GD_BLOCK_BITMAP), 1) ||
	       overlaps(blk, n, ext2_le32(gr->d + GD_INODE_BITMAP), 1) ||
	       overlaps(blk, n, ext2_le32(gr->d + 8), itb) ||
	       overlaps(blk, n, 0, fs->first_data_block + 1 + gdt);
}

static int alloc_in_group(struct ext2_fs *fs, uint32_t g, uint32_t start, uint32_t want,
			  uint8_t *map, uint64_t *blk, uint32_t *got)
{
	uint32_t limit = group_blocks(fs, g), i, n = 0;
	struct group gr;
	int rc = group_read(fs, g, &gr);

	if (rc || !ext2_le16(gr.d + GD_FREE_BLOCKS))
		return rc ? rc : -ENOSPC;
	rc = ext2_meta_read(fs, ext2_le32(gr.d + GD_BLOCK_BITMAP), 0, map, fs->block_size);
	if (rc)
		return rc;
	i = find_clear(map, start < limit ? start : 0, limit);
	if (i == limit)
		i = find_clear(map, 0, limit);
	if (i == limit)
		return -EIO;	/* the descriptor said blocks were free */
	while (n < want && i + n < limit && !bit(map, i + n))
		n++;
	*blk = fs->first_data_block + (uint64_t)g * fs->blocks_per_group + i;
	if (hits_metadata(fs, &gr, *blk, n))
		return -EIO;
	rc = group_count(fs, &gr, GD_FREE_BLOCKS, -(int)n, SB_FREE_BLOCKS, fs->blocks_per_group);
	if (rc)
		return rc;
	set_bits(map, i, n, true);
	rc = ext2_meta_write(fs, ext2_le32(gr.d + GD_BLOCK_BITMAP), 0, map, fs->block_size);
	*got = n;
	return rc;
}

int ext2_block_alloc(struct ext2_fs *fs, uint32_t want, uint64_t *blk, uint32_t *got)
{
	uint64_t goal = fs->goal;
	uint8_t *map;
	uint32_t g0, start;
	int rc = -ENOSPC;

	if (!fs->writable)
		return -EROFS;
	if (!ext2_sb_get(fs, SB_FREE_BLOCKS))
		return -ENOSPC;
	if (goal < fs->first_data_block || goal >= fs->blocks_count)
		goal = fs->first_data_block;
	g0 = (goal - fs->first_data_block) / fs->blocks_per_group;
	start = (goal - fs->first_data_block) % fs->blocks_per_group;
	map = malloc(fs->block_size);
	if (!map)
		return -ENOMEM;
	for (uint32_t k = 0; k < fs->groups && rc == -ENOSPC; k++) {
		uint32_t g = (g0 + k) % fs->groups;

		rc = alloc_in_group(fs, g, k ? 0 : start, want ? want : 1, map, blk, got);
	}
	free(map);
	if (!rc)
		fs->goal = *blk + *got;
	return rc;
}

int ext2_block_free(struct ext2_fs *fs, uint64_t blk)
{
	uint32_t g, i;
	struct group gr;
	uint8_t byte;
	uint64_t map;
	int rc;

	if (blk < fs->first_data_block || blk >= fs->blocks_count)
		return -EIO;
	g = (blk - fs->first_data_block) / fs->blocks_per_group;
	i = (blk - fs->first_data_block) % fs->blocks_per_group;
	rc = group_read(fs, g, &gr);
	map = ext2_le32(gr.d + GD_BLOCK_BITMAP);
	if (!rc)
		rc = ext2_meta_read(fs, map, i / 8, &byte, 1);
	if (!rc && !(byte & (1u << (i % 8))))
		rc = -EIO;	/* already free */
	if (!rc)
		rc = group_count(fs, &gr, GD_FREE_BLOCKS, 1, SB_FREE_BLOCKS, group_blocks(fs, g));
	if (rc)
		return rc;
	ext2_cache_forget(fs, blk);
	byte &= ~(1u << (i % 8));
	return ext2_meta_write(fs, map, i / 8, &byte, 1);
}

static int inode_in_group(struct ext2_fs *fs, uint32_t g, bool dir, uint8_t *map,
			  uint32_t *ino)
{
	uint32_t base = g * fs->inodes_per_group, i, first;
	struct group gr;
	int rc = group_read(fs, g, &gr);

	if (rc || !ext2_le16(gr.d + GD_FREE_INODES))
		return rc ? rc : -ENOSPC;
	rc = ext2_meta_read(fs, ext2_le32(gr.d + GD_INODE_BITMAP), 0, map,
			    fs->inodes_per_group / 8);
	if (rc)
		return rc;
	first = fs->first_ino > base + 1 ? fs->first_ino - base - 1 : 0;
	i = find_clear(map, first, fs->inodes_per_group);
	if (i >= fs->inodes_per_group || base + i + 1 > fs->inodes_count)
		return -ENOSPC;
	rc = group_count(fs, &gr, GD_FREE_INODES, -1, SB_FREE_INODES, fs->inodes_per_group);
	if (!rc && dir)
		rc = group_count(fs, &gr, GD_USED_DIRS, 1, 0, fs->inodes_per_group);
	if (rc)
		return rc;
	set_bits(map, i, 1, true);
	*ino = base + i + 1;
	return ext2_meta_write(fs, ext2_le32(gr.d + GD_INODE_BITMAP), i / 8, map + i / 8, 1);
}

int ext2_inode_alloc(struct ext2_fs *fs, uint32_t parent, bool dir, uint32_t *ino)
{
	uint32_t g0 = parent ? (parent - 1) / fs->inodes_per_group : 0;
	uint8_t *map;
	int rc = -ENOSPC;

	if (!fs->writable)
		return -EROFS;
	if (!ext2_sb_get(fs, SB_FREE_INODES))
		return -ENOSPC;
	map = malloc(fs->block_size);
	if (!map)
		return -ENOMEM;
	for (uint32_t k = 0; k < fs->groups && rc == -ENOSPC; k++)
		rc = inode_in_group(fs, (g0 + k) % fs->groups, dir, map, ino);
	free(map);
	return rc;
}

int ext2_inode_free(struct ext2_fs *fs, uint32_t ino, bool dir)
{
	uint32_t g, i;
	struct group gr;
	uint8_t byte;
	uint64_t map;
	int rc;

	if (ino < fs->first_ino || ino > fs->inodes_count)
		return -EIO;
	g = (ino - 1) / fs->inodes_per_group;
	i = (ino - 1) % fs->inodes_per_group;
	rc = group_read(fs, g, &gr);
	map = ext2_le32(gr.d + GD_INODE_BITMAP);
	if (!rc)
		rc = ext2_meta_read(fs, map, i / 8, &byte, 1);
	if (!rc && !(byte & (1u << (i % 8))))
		rc = -EIO;
	if (!rc)
		rc = group_count(fs, &gr, GD_FREE_INODES, 1, SB_FREE_INODES, fs->inodes_per_group);
	if (!rc && dir)
		rc = group_count(fs, &gr, GD_USED_DIRS, -1, 0, fs->inodes_per_group);
	if (rc)
		return rc;
	byte &= ~(1u << (i % 8));
	return ext2_meta_write(fs, map, i / 8, &byte, 1);
}
