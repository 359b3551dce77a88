/*
 * ext4 extent trees: mapping a logical block of an extent-mapped inode to a
 * disk block.  The root node lives in i_block; interior nodes are read one
 * level at a time into a scratch block.  Every header is checked (magic,
 * entry counts that fit the node, depth decreasing by one per level, at
 * most EXT_MAX_DEPTH levels) and uninitialised extents read as holes.
 */
#include <errno.h>
#include <stdlib.h>
#include "ext2.h"

#define EXT_MAGIC	0xF30A
#define EXT_MAX_DEPTH	5
#define EXT_ENTRY	12
#define EXT_INIT_MAX	32768

/* Check the header of a node of size bytes; returns its entry count. */
static int check_header(const uint8_t *node, size_t size, int depth)
{
	uint16_t entries = ext2_le16(node + 2), max = ext2_le16(node + 4);

	if (ext2_le16(node) != EXT_MAGIC || ext2_le16(node + 6) != depth ||
	    entries > max || EXT_ENTRY + (size_t)max * EXT_ENTRY > size)
		return -EIO;
	return entries;
}

/* Index of the last entry whose first block is <= lblk, or -1. */
static int find_entry(const uint8_t *node, int entries, uint32_t lblk)
{
	int found = -1;

	for (int i = 0; i < entries; i++) {
		if (ext2_le32(node + EXT_ENTRY * (i + 1)) > lblk)
			break;
		found = i;
	}
	return found;
}

static int map_leaf(struct ext2_fs *fs, const uint8_t *e, uint32_t lblk,
		    uint64_t *pblk)
{
	uint32_t first = ext2_le32(e), len = ext2_le16(e + 4);
	uint64_t start = ext2_le32(e + 8) | (uint64_t)ext2_le16(e + 6) << 32;
	int uninit = len > EXT_INIT_MAX;

	if (uninit)
		len -= EXT_INIT_MAX;
	*pblk = 0;
	if (lblk - first >= len || uninit)
		return 0;
	if (start + len > fs->blocks_count || start + len < start)
		return -EIO;
	*pblk = start + (lblk - first);
	return 0;
}

int ext2_extent_map(struct ext2_fs *fs, const struct ext2_inode *in,
		    uint32_t lblk, uint64_t *pblk)
{
	const uint8_t *node = in->block;
	size_t size = EXT2_IBLOCK_BYTES;
	uint8_t *buf = NULL;
	int depth = ext2_le16(in->block + 6), rc = 0;

	if (depth > EXT_MAX_DEPTH)
		return -EIO;
	*pblk = 0;
	for (;;) {
		int n = check_header(node, size, depth);
		int i = n < 0 ? n : find_entry(node, n, lblk);
		const uint8_t *e = node + EXT_ENTRY * (i + 1);
		uint64_t child;

		if (n < 0 || i < 0) {
			rc = n < 0 ? n : 0;
			break;
		}
		if (!depth) {
			rc = map_leaf(fs, e, lblk, pblk);
			break;
		}
		child = ext2_le32(e + 4) | (uint64_t)ext2_le16(e + 8) << 32;
		if (!buf)
			buf = malloc(fs->block_size);
		rc = buf ? ext2_read_block(fs, child, 0, buf, fs->block_size) : -ENOMEM;
		if (rc)
			break;
		node = buf;
		size = fs->block_size;
		depth--;
	}
	free(buf);
	return rc;
}
