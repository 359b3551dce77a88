/*
 * Writing classic ext2 block maps (12 direct pointers, then single, double
 * and triple indirect blocks): mapping a hole to fresh blocks, with
 * missing indirect blocks allocated and zeroed on the way, and truncation,
 * which frees every data and indirect block past the new end.  i_blocks
 * counts both, in 512-byte units.  Indirect blocks go through the metadata
 * cache; a pointer outside the filesystem is corruption (-EIO).
 */
#include <errno.h>
#include <stdlib.h>
#include "ext2.h"

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = v >> (8 * i);
}

/* Path to lblk: the i_block slot, the level count and the index in each
 * indirect block. */
static int path_of(struct ext2_fs *fs, uint64_t lblk, unsigned int *slot,
		   unsigned int *levels, uint32_t idx[3])
{
	uint64_t per = fs->block_size / 4, span = 1;

	if (lblk < EXT2_NDIR_BLOCKS) {
		*slot = lblk;
		*levels = 0;
		return 0;
	}
	lblk -= EXT2_NDIR_BLOCKS;
	for (unsigned int l = 1; l <= 3; l++) {
		span *= per;
		if (lblk < span) {
			*slot = EXT2_NDIR_BLOCKS + l - 1;
			*levels = l;
			for (unsigned int k = l; k-- > 0;) {
				idx[k] = lblk % per;
				lblk /= per;
			}
			return 0;
		}
		lblk -= span;
	}
	return -EFBIG;
}

static int new_block(struct ext2_fs *fs, struct ext2_inode *in, bool zero, uint64_t *blk)
{
	uint32_t got;
	uint8_t *z;
	int rc = ext2_block_alloc(fs, 1, blk, &got);

	if (rc)
		return rc;
	in->blocks512 += fs->block_size / 512;
	if (!zero)
		return 0;
	z = calloc(1, fs->block_size);
	rc = z ? ext2_meta_write(fs, *blk, 0, z, fs->block_size) : -ENOMEM;
	free(z);
	return rc;
}

/* Shorten *want to the run of zero pointers from byte off of the pointer
 * array (i_block when blk is 0, else indirect block blk) of end bytes. */
static int hole_run(struct ext2_fs *fs, struct ext2_inode *in, uint64_t blk, uint32_t off,
		    uint32_t end, uint32_t *want)
{
	uint32_t n = 1;
	uint8_t e[4];

	for (off += 4; n < *want && off < end; n++, off += 4) {
		int rc = blk ? ext2_meta_read(fs, blk, off, e, 4) : 0;

		if (rc)
			return rc;
		if (ext2_le32(blk ? e : in->block + off))
			break;
	}
	*want = n;
	return 0;
}

int ext2_bmap_alloc(struct ext2_fs *fs, struct ext2_inode *in, uint32_t lblk,
		    uint64_t *pblk, uint32_t *run)
{
	unsigned int slot, levels;
	uint32_t idx[3], want = run ? *run : 1, got = 1;
	uint64_t blk, parent = 0;
	uint32_t parent_off = 0;
	uint8_t e[4];
	int rc = path_of(fs, lblk, &slot, &levels, idx);

	if (rc)
		return rc;
	blk = ext2_le32(in->block + 4 * slot);
	for (unsigned int l = 0; l <= levels; l++) {
		if (blk >= fs->blocks_count)
			return -EIO;
		if (!blk) {
			bool leaf = l == levels;

			if (leaf) {
				rc = hole_run(fs, in, l ? parent : 0, l ? parent_off : 4 * slot,
					      l ? fs->block_size : 4 * EXT2_NDIR_BLOCKS, &want);
				if (!rc)
					rc = ext2_block_alloc(fs, want, &blk, &got);
				if (!rc)
					in->blocks512 += (uint64_t)got * (fs->block_size / 512);
			} else {
				rc = new_block(fs, in, true, &blk);
			}
			if (rc)
				return rc;
			for (uint32_t k = 0; k < got; k++) {
				put_le32(e, blk + k);
				if (l == 0)
					memcpy(in->block + 4 * (slot + k), e, 4);
				else
					rc = ext2_meta_write(fs, parent, parent_off + 4 * k, e, 4);
				if (rc)
					return rc;
			}
		}
		if (l == levels)
			break;
		parent = blk;
		parent_off = idx[l] * 4;
		rc = ext2_meta_read(fs, parent, parent_off, e, 4);
		if (rc)
			return rc;
		blk = ext2_le32(e);
	}
	*pblk = blk;
	if (run)
		*run = got;
	return 0;
}

/* Free the blocks of the subtree under indirect block blk (depth levels
 * of indirection below it) that map logical blocks at or past keep,
 * where the subtree starts at logical block base and spans span blocks;
 * frees blk itself when nothing in it is kept.  *freed counts blocks. */
static int trunc_tree(struct ext2_fs *fs, uint64_t blk, unsigned int depth, uint64_t base,
		      uint64_t span, uint64_t keep, uint64_t *freed)
{
	uint32_t per = fs->block_size / 4;
	uint64_t child_span = span / per;
	uint8_t *b;
	int rc = 0;

	if (blk >= fs->blocks_count || blk < fs->first_data_block)
		return -EIO;
	b = malloc(fs->block_size);
	if (!b)
		return -ENOMEM;
	rc = ext2_meta_read(fs, blk, 0, b, fs->block_size);
	for (uint32_t i = 0; i < per && !rc; i++) {
		uint64_t cbase = base + i * child_span, child = ext2_le32(b + 4 * i);

		if (!child || cbase + child_span <= keep)
			continue;
		if (depth)
			rc = trunc_tree(fs, child, depth - 1, cbase, child_span, keep, freed);
		else if (!(rc = ext2_block_free(fs, child)))
			++*freed;
		if (!rc && cbase >= keep) {
			memset(b + 4 * i, 0, 4);
			rc = ext2_meta_write(fs, blk, 4 * i, b + 4 * i, 4);
		}
	}
	free(b);
	if (!rc && base >= keep && !(rc = ext2_block_free(fs, blk)))
		++*freed;
	return rc;
}

/* Zero the bytes of the last kept block past size, so a later extension
 * reads zeros there. */
static int zero_tail(struct ext2_fs *fs, struct ext2_inode *in, uint64_t size)
{
	uint32_t boff = size % fs->block_size, per = fs->block_size / fs->bdev->block_size;
	uint64_t pblk;
	uint8_t *b;
	int rc;

	if (!boff || size >= in->size)
		return 0;
	rc = ext2_bmap(fs, in, size / fs->block_size, &pblk);
	if (rc || !pblk)
		return rc;
	b = malloc(fs->block_size);
	if (!b)
		return -ENOMEM;
	rc = ext2_read_block(fs, pblk, 0, b, fs->block_size);
	memset(b + boff, 0, fs->block_size - boff);
	if (!rc)
		rc = blockdev_write_blocks(fs->bdev, pblk * per, per, b);
	free(b);
	return rc;
}

int ext2_truncate(struct ext2_fs *fs, struct ext2_inode *in, uint64_t size)
{
	uint64_t per = fs->block_size / 4, keep, span = 1, base = EXT2_NDIR_BLOCKS;
	uint64_t freed = 0;
	int rc;

	if (!fs->writable)
		return -EROFS;
	if (in->flags & (EXT2_EXTENTS_FL | EXT2_INLINE_DATA_FL))
		return -EOPNOTSUPP;
	rc = zero_tail(fs, in, size);
	if (rc)
		return rc;
	keep = (size + fs->block_size - 1) / fs->block_size;
	for (uint64_t i = keep; i < EXT2_NDIR_BLOCKS && !rc; i++) {
		uint64_t b = ext2_le32(in->block + 4 * i);

		if (b && !(rc = ext2_block_free(fs, b))) {
			freed++;
			memset(in->block + 4 * i, 0, 4);
		}
	}
	for (unsigned int l = 1; l <= 3 && !rc; l++) {
		uint8_t *slot = in->block + 4 * (EXT2_NDIR_BLOCKS + l - 1);
		uint64_t b = ext2_le32(slot);

		span *= per;
		if (b && base + span > keep) {
			rc = trunc_tree(fs, b, l - 1, base, span, keep, &freed);
			if (!rc && base >= keep)
				memset(slot, 0, 4);
		}
		base += span;
	}
	freed *= fs->block_size / 512;
	in->blocks512 = freed <= in->blocks512 ? in->blocks512 - freed : 0;
	in->size = size;
	return rc;
}
