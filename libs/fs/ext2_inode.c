/*
 * ext2/3/4 inodes: reading an inode from its group's table, mapping a
 * logical file block to a disk block through the classic direct/indirect
 * tree (extent-mapped inodes go to ext2_extent.c), reading file data with
 * holes as zeros, and symlink targets (fast symlinks live in i_block).
 */
#include <errno.h>
#include "ext2.h"

int ext2_inode_read(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in)
{
	uint8_t raw[128];
	uint64_t table, byte;
	uint32_t idx;
	int rc;

	if (ino < 1 || ino > fs->inodes_count)
		return -EIO;
	rc = ext2_inode_table(fs, (ino - 1) / fs->inodes_per_group, &table);
	if (rc)
		return rc;
	idx = (ino - 1) % fs->inodes_per_group;
	byte = (uint64_t)idx * fs->inode_size;
	rc = ext2_read_block(fs, table + byte / fs->block_size,
			     byte % fs->block_size, raw, sizeof(raw));
	if (rc)
		return rc;
	in->ino = ino;
	in->mode = ext2_le16(raw + 0);
	in->size = ext2_le32(raw + 4);
	in->mtime = ext2_le32(raw + 16);
	in->dtime = ext2_le32(raw + 20);
	in->links = ext2_le16(raw + 26);
	in->blocks512 = ext2_le32(raw + 28) | (uint64_t)ext2_le16(raw + 116) << 32;
	in->flags = ext2_le32(raw + 32);
	memcpy(in->block, raw + 40, EXT2_IBLOCK_BYTES);
	in->file_acl = ext2_le32(raw + 104) | (uint64_t)ext2_le16(raw + 118) << 32;
	if ((in->mode & 0170000) == 0100000 ||
	    ((in->mode & 0170000) == 0040000 && (fs->incompat & EXT2_INCOMPAT_LARGEDIR)))
		in->size |= (uint64_t)ext2_le32(raw + 108) << 32;
	return 0;
}

/* Entry idx of indirect block blk, checked against the filesystem size. */
static int ind_entry(struct ext2_fs *fs, uint64_t blk, uint32_t idx, uint64_t *out)
{
	uint8_t b[4];
	int rc = ext2_read_block(fs, blk, idx * 4, b, 4);

	if (rc)
		return rc;
	*out = ext2_le32(b);
	return *out >= fs->blocks_count ? -EIO : 0;
}

static int indirect_map(struct ext2_fs *fs, const struct ext2_inode *in,
			uint64_t lblk, uint64_t *pblk)
{
	uint64_t per = fs->block_size / 4, span = 1, blk;
	int level, rc;

	if (lblk < EXT2_NDIR_BLOCKS) {
		*pblk = ext2_le32(in->block + 4 * lblk);
		return *pblk >= fs->blocks_count ? -EIO : 0;
	}
	lblk -= EXT2_NDIR_BLOCKS;
	for (level = 1; level <= 3; level++) {
		span *= per;
		if (lblk < span)
			break;
		lblk -= span;
	}
	if (level > 3)
		return -EFBIG;
	blk = ext2_le32(in->block + 4 * (EXT2_NDIR_BLOCKS + level - 1));
	if (blk >= fs->blocks_count)
		return -EIO;
	while (blk && level--) {
		span /= per;
		rc = ind_entry(fs, blk, lblk / span, &blk);
		if (rc)
			return rc;
		lblk %= span;
	}
	*pblk = blk;
	return 0;
}

int ext2_bmap(struct ext2_fs *fs, const struct ext2_inode *in, uint64_t lblk,
	      uint64_t *pblk)
{
	if (in->flags & EXT2_INLINE_DATA_FL)
		return -EOPNOTSUPP;
	if (lblk > 0xffffffffull)
		return -EFBIG;
	if (in->flags & EXT2_EXTENTS_FL)
		return ext2_extent_map(fs, in, lblk, pblk);
	return indirect_map(fs, in, lblk, pblk);
}

/* Read whole blocks from lblk into dst, as many as are contiguous on disk
 * (up to max, at least one): blocks read or -errno.  Metadata blocks
 * still in the writer's cache are taken from there. */
static int read_run(struct ext2_fs *fs, const struct ext2_inode *in, uint64_t lblk,
		    uint64_t pblk, uint32_t max, uint8_t *dst)
{
	uint32_t n = 1;
	uint64_t next;
	int rc;

	while (n < max && !ext2_bmap(fs, in, lblk + n, &next) && next == pblk + n &&
	       next < fs->blocks_count)
		n++;
	rc = blockdev_read_bytes(fs->bdev, pblk * fs->block_size, dst,
				 (size_t)n * fs->block_size);
	if (!rc)
		ext2_cache_overlay(fs, pblk, n, dst);
	return rc ? rc : (int)n;
}

ssize_t ext2_file_read(struct ext2_fs *fs, const struct ext2_inode *in,
		       uint64_t off, void *buf, size_t len)
{
	uint8_t *dst = buf;
	size_t done = 0;

	if (off >= in->size)
		return 0;
	if (len > in->size - off)
		len = in->size - off;
	if (len > 0x40000000)
		len = 0x40000000;
	while (done < len) {
		uint64_t pblk, pos = off + done;
		uint32_t boff = pos % fs->block_size;
		size_t chunk = fs->block_size - boff;
		int rc = ext2_bmap(fs, in, pos / fs->block_size, &pblk);

		if (chunk > len - done)
			chunk = len - done;
		if (!rc && pblk && !boff && chunk == fs->block_size) {
			rc = read_run(fs, in, pos / fs->block_size, pblk,
				      (len - done) / fs->block_size, dst + done);
			if (rc > 0) {
				chunk = (size_t)rc * fs->block_size;
				rc = 0;
			}
		} else if (!rc && pblk) {
			rc = ext2_read_block(fs, pblk, boff, dst + done, chunk);
		} else if (!rc) {
			memset(dst + done, 0, chunk);
		}
		if (rc)
			return done ? (ssize_t)done : rc;
		done += chunk;
	}
	return done;
}

ssize_t ext2_readlink(struct ext2_fs *fs, const struct ext2_inode *in,
		      char *buf, size_t len)
{
	uint64_t acl_blocks = in->file_acl ? fs->block_size / 512 : 0;

	if ((in->mode & 0170000) != 0120000)
		return -EINVAL;
	if (in->size < EXT2_IBLOCK_BYTES && !(in->flags & EXT2_EXTENTS_FL) &&
	    in->blocks512 <= acl_blocks) {
		size_t n = in->size < len ? in->size : len;

		memcpy(buf, in->block, n);
		return n;
	}
	return ext2_file_read(fs, in, 0, buf, len);
}
