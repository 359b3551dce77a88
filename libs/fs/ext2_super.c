/*
 * ext2/3/4 superblock: recognising the filesystem, checking its feature
 * flags against what this read-only reader can handle safely (refusing the
 * rest with a message naming them), validating geometry against the device
 * size, and locating group descriptors (classic and meta_bg layouts).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "ext2.h"

#define SB_OFFSET	1024
#define SB_SIZE		1024
#define EXT2_MAGIC	0xEF53

struct feature {
	uint32_t bit;
	const char *name;
};

/* Incompatible features that change how data must be read and that we do
 * not implement; anything unknown is refused too. */
static const struct feature incompat_names[] = {
	{ 0x0001, "compression" },
	{ 0x0004, "needs_recovery" },
	{ 0x0008, "journal_dev" },
	{ 0x1000, "dirdata" },
	{ 0x8000, "inline_data" },
	{ 0x10000, "encrypt" },
	{ 0x20000, "casefold" },
};

/* filetype, meta_bg, extent, 64bit, mmp, flex_bg, ea_inode, csum_seed,
 * largedir: all readable as-is. */
#define INCOMPAT_OK	0x67d2

/* Read-only-compatible features are harmless to a reader, except bigalloc
 * whose cluster geometry we do not model. */
#define RO_COMPAT_BIGALLOC	0x0200

static int check_features(uint32_t incompat, uint32_t ro_compat)
{
	uint32_t bad = incompat & ~INCOMPAT_OK;

	if (!bad && !(ro_compat & RO_COMPAT_BIGALLOC))
		return 0;
	printf("ext4: unsupported feature(s):");
	for (size_t i = 0; i < sizeof(incompat_names) / sizeof(incompat_names[0]); i++) {
		if (bad & incompat_names[i].bit) {
			printf(" %s", incompat_names[i].name);
			bad &= ~incompat_names[i].bit;
		}
	}
	if (bad)
		printf(" incompat(0x%lx)", (unsigned long)bad);
	if (ro_compat & RO_COMPAT_BIGALLOC)
		printf(" bigalloc");
	printf("\n");
	return -EOPNOTSUPP;
}

static int bad_sb(const char *why)
{
	printf("ext4: corrupt superblock: %s\n", why);
	return -EINVAL;
}

static int parse_geometry(struct ext2_fs *fs, const uint8_t *sb)
{
	uint32_t log = ext2_le32(sb + 24), rev = ext2_le32(sb + 76);
	uint64_t data_blocks;

	if (log > 6)
		return bad_sb("block size");
	fs->block_size = 1024u << log;
	fs->blocks_count = ext2_le32(sb + 4);
	if (fs->incompat & EXT2_INCOMPAT_64BIT)
		fs->blocks_count |= (uint64_t)ext2_le32(sb + 336) << 32;
	fs->inodes_count = ext2_le32(sb + 0);
	fs->first_data_block = ext2_le32(sb + 20);
	fs->blocks_per_group = ext2_le32(sb + 32);
	fs->inodes_per_group = ext2_le32(sb + 40);
	fs->first_meta_bg = ext2_le32(sb + 260);
	fs->inode_size = rev ? ext2_le16(sb + 88) : 128;
	fs->desc_size = 32;
	if (fs->incompat & EXT2_INCOMPAT_64BIT)
		fs->desc_size = ext2_le16(sb + 254);
	if (!fs->blocks_per_group || fs->blocks_per_group > 8 * fs->block_size ||
	    !fs->inodes_per_group || fs->inodes_per_group > 8 * fs->block_size)
		return bad_sb("group geometry");
	if (fs->inode_size < 128 || fs->inode_size > fs->block_size ||
	    (fs->inode_size & (fs->inode_size - 1)))
		return bad_sb("inode size");
	if (fs->desc_size < 32 || fs->desc_size > fs->block_size ||
	    (fs->desc_size & (fs->desc_size - 1)))
		return bad_sb("group descriptor size");
	if (fs->first_data_block >= fs->blocks_count ||
	    fs->first_data_block > 1)
		return bad_sb("first data block");
	if (fs->blocks_count > blockdev_size(fs->bdev) / fs->block_size) {
		printf("ext4: filesystem needs %llu blocks but the device holds %llu"
		       " (truncated image?)\n", (unsigned long long)fs->blocks_count,
		       (unsigned long long)(blockdev_size(fs->bdev) / fs->block_size));
		return -EINVAL;
	}
	data_blocks = fs->blocks_count - fs->first_data_block;
	fs->groups = (data_blocks + fs->blocks_per_group - 1) / fs->blocks_per_group;
	if (!fs->inodes_count ||
	    fs->inodes_count > (uint64_t)fs->groups * fs->inodes_per_group)
		return bad_sb("inode count");
	return 0;
}

int ext2_fs_open(struct blockdev *bdev, struct ext2_fs **out)
{
	struct ext2_inode root;
	struct ext2_fs *fs;
	uint8_t *sb;
	int rc;

	if (blockdev_size(bdev) < SB_OFFSET + SB_SIZE)
		return -ENODEV;
	sb = malloc(SB_SIZE);
	fs = calloc(1, sizeof(*fs));
	rc = sb && fs ? blockdev_read_bytes(bdev, SB_OFFSET, sb, SB_SIZE) : -ENOMEM;
	if (!rc && ext2_le16(sb + 56) != EXT2_MAGIC)
		rc = -ENODEV;
	if (!rc) {
		fs->bdev = bdev;
		fs->incompat = ext2_le32(sb + 96);
		fs->ro_compat = ext2_le32(sb + 100);
		rc = check_features(fs->incompat, fs->ro_compat);
	}
	if (!rc)
		rc = parse_geometry(fs, sb);
	if (!rc) {
		fs->compat = ext2_le32(sb + 92);
		fs->first_ino = ext2_le32(sb + 76) ? ext2_le32(sb + 84) : 11;
		if (fs->first_ino <= EXT2_ROOT_INO || fs->first_ino > fs->inodes_count)
			rc = bad_sb("first inode");
	}
	if (!rc) {
		rc = ext2_inode_read(fs, EXT2_ROOT_INO, &root);
		if (!rc && (root.mode & 0170000) != 0040000)
			rc = -EIO;
		if (rc)
			printf("ext4: cannot read the root directory (error %d)\n", rc);
	}
	if (!rc)
		ext2_check_writable(fs, sb);
	if (fs && fs->writable) {
		fs->sb_raw = sb;
		sb = NULL;
	}
	free(sb);
	if (rc) {
		free(fs);
		return rc;
	}
	*out = fs;
	return 0;
}

void ext2_fs_close(struct ext2_fs *fs)
{
	ext2_cache_free(fs);
	free(fs->sb_raw);
	free(fs);
}

int ext2_read_block(struct ext2_fs *fs, uint64_t blk, uint32_t off, void *buf,
		    size_t len)
{
	if (blk >= fs->blocks_count || off > fs->block_size ||
	    len > fs->block_size - off)
		return -EIO;
	if (ext2_cache_lookup(fs, blk, off, buf, len))
		return 0;
	return blockdev_read_bytes(fs->bdev, blk * fs->block_size + off, buf, len);
}

static int is_power(uint32_t n, uint32_t base)
{
	while (n > 1 && n % base == 0)
		n /= base;
	return n == 1;
}

static int group_has_super(struct ext2_fs *fs, uint32_t g)
{
	if (g <= 1 || !(fs->ro_compat & EXT2_RO_COMPAT_SPARSE))
		return 1;
	return is_power(g, 3) || is_power(g, 5) || is_power(g, 7);
}

/* Block holding the descriptor of group g and its offset in that block. */
static uint64_t desc_block(struct ext2_fs *fs, uint32_t g, uint32_t *off)
{
	uint32_t per_block = fs->block_size / fs->desc_size;
	uint32_t meta = g / per_block;
	uint64_t first;

	*off = (g % per_block) * fs->desc_size;
	if (!(fs->incompat & EXT2_INCOMPAT_META_BG) || meta < fs->first_meta_bg)
		return fs->first_data_block + 1 + meta;
	first = (uint64_t)meta * per_block;
	return fs->first_data_block + first * fs->blocks_per_group +
	       group_has_super(fs, first);
}

int ext2_desc_location(struct ext2_fs *fs, uint32_t g, uint64_t *blk, uint32_t *off)
{
	if (g >= fs->groups)
		return -EIO;
	*blk = desc_block(fs, g, off);
	return 0;
}

int ext2_inode_table(struct ext2_fs *fs, uint32_t group, uint64_t *blk)
{
	uint8_t d[64];
	uint32_t off;
	uint64_t where;
	int rc = ext2_desc_location(fs, group, &where, &off);

	if (rc)
		return rc;
	rc = ext2_read_block(fs, where, off, d, fs->desc_size >= 64 ? 64 : 32);
	if (rc)
		return rc;
	*blk = ext2_le32(d + 8);
	if (fs->desc_size >= 64)
		*blk |= (uint64_t)ext2_le32(d + 0x28) << 32;
	return 0;
}
