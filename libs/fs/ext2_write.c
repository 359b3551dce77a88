/*
 * ext2 inode and file-data writing: storing an in-memory inode back into
 * its table slot (through the metadata cache), initialising a fresh inode,
 * and writing file data.  Data goes straight to the device, in multi-block
 * requests where the file's blocks are contiguous (fresh blocks are
 * allocated in runs); partial blocks are read, patched and written.
 */
#include <errno.h>
#include <stdlib.h>
#include <vmm/wallclock.h>
#include "ext2.h"

#define RO_COMPAT_LARGE_FILE	0x0002
#define RO_COMPAT_HUGE_FILE	0x0008
#define MAX_RUN			256	/* blocks per data request */

uint32_t ext2_now(void)
{
	uint64_t ns;

	return wallclock_get_ns(&ns) ? 0 : (uint32_t)(ns / 1000000000ull);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static int inode_slot(struct ext2_fs *fs, uint32_t ino, uint64_t *blk, uint32_t *off)
{
	uint64_t table, byte;
	int rc;

	if (ino < 1 || ino > fs->inodes_count)
		return -EIO;
	rc = ext2_inode_table(fs, (ino - 1) / fs->inodes_per_group, &table);
	if (rc)
		return rc;
	byte = (uint64_t)((ino - 1) % fs->inodes_per_group) * fs->inode_size;
	*blk = table + byte / fs->block_size;
	*off = byte % fs->block_size;
	return 0;
}

int ext2_inode_write(struct ext2_fs *fs, const struct ext2_inode *in)
{
	uint8_t raw[128];
	uint64_t blk;
	uint32_t off;
	int rc = inode_slot(fs, in->ino, &blk, &off);

	if (!rc)
		rc = ext2_meta_read(fs, blk, off, raw, sizeof(raw));
	if (rc)
		return rc;
	if (in->blocks512 >> 32 && !(fs->ro_compat & RO_COMPAT_HUGE_FILE))
		return -EFBIG;
	put16(raw + 0, in->mode);
	put32(raw + 4, (uint32_t)in->size);
	put32(raw + 12, in->mtime);		/* ctime */
	put32(raw + 16, in->mtime);
	put32(raw + 20, in->dtime);
	put16(raw + 26, in->links);
	put32(raw + 28, (uint32_t)in->blocks512);
	put32(raw + 32, in->flags);
	memcpy(raw + 40, in->block, EXT2_IBLOCK_BYTES);
	if ((in->mode & 0170000) == 0100000)
		put32(raw + 108, (uint32_t)(in->size >> 32));
	put16(raw + 116, (uint16_t)(in->blocks512 >> 32));
	return ext2_meta_write(fs, blk, off, raw, sizeof(raw));
}

int ext2_inode_new(struct ext2_fs *fs, uint32_t ino, uint16_t mode, struct ext2_inode *in)
{
	uint8_t *zero = calloc(1, fs->inode_size);
	uint64_t blk;
	uint32_t off;
	int rc = zero ? inode_slot(fs, ino, &blk, &off) : -ENOMEM;

	if (!rc) {
		put32(zero + 8, ext2_now());	/* atime */
		rc = ext2_meta_write(fs, blk, off, zero, fs->inode_size);
	}
	free(zero);
	if (rc)
		return rc;
	memset(in, 0, sizeof(*in));
	in->ino = ino;
	in->mode = mode;
	in->mtime = ext2_now();
	return 0;
}

static uint64_t max_size(struct ext2_fs *fs)
{
	return fs->ro_compat & RO_COMPAT_LARGE_FILE ? 0xffffffffffull : 0x7fffffffull;
}

/* Write count whole blocks of data from buf at logical block lblk;
 * returns blocks written (a run may be shorter than asked) or -errno. */
static int write_run(struct ext2_fs *fs, struct ext2_inode *in, uint32_t lblk,
		     uint32_t count, const uint8_t *buf)
{
	uint32_t per = fs->block_size / fs->bdev->block_size, run = count;
	uint64_t pblk;
	int rc = ext2_bmap(fs, in, lblk, &pblk);

	if (!rc && pblk)
		run = 1;
	else if (!rc)
		rc = ext2_bmap_alloc(fs, in, lblk, &pblk, &run);
	if (rc)
		return rc;
	for (uint32_t i = 0; i < run; i++)
		ext2_cache_forget(fs, pblk + i);
	rc = blockdev_write_blocks(fs->bdev, pblk * per, run * per, buf);
	return rc ? rc : (int)run;
}

static int write_partial(struct ext2_fs *fs, struct ext2_inode *in, uint64_t pos,
			 const uint8_t *src, size_t n, uint8_t *bounce)
{
	uint32_t per = fs->block_size / fs->bdev->block_size;
	uint64_t pblk;
	int rc = ext2_bmap(fs, in, pos / fs->block_size, &pblk);

	if (!rc && pblk) {
		rc = ext2_read_block(fs, pblk, 0, bounce, fs->block_size);
	} else if (!rc) {
		memset(bounce, 0, fs->block_size);
		rc = ext2_bmap_alloc(fs, in, pos / fs->block_size, &pblk, NULL);
	}
	if (rc)
		return rc;
	ext2_cache_forget(fs, pblk);
	memcpy(bounce + pos % fs->block_size, src, n);
	return blockdev_write_blocks(fs->bdev, pblk * per, per, bounce);
}

ssize_t ext2_file_write(struct ext2_fs *fs, struct ext2_inode *in, uint64_t off,
			const void *buf, size_t len)
{
	const uint8_t *src = buf;
	uint8_t *bounce = NULL;
	size_t done = 0;
	int rc = 0;

	if (!fs->writable)
		return -EROFS;
	if (in->flags & (EXT2_EXTENTS_FL | EXT2_INLINE_DATA_FL))
		return -EOPNOTSUPP;
	if (off > max_size(fs) || len > max_size(fs) - off)
		return -EFBIG;
	while (done < len && !rc) {
		uint64_t pos = off + done;
		uint32_t boff = pos % fs->block_size;
		size_t n = len - done;

		if (!boff && n >= fs->block_size) {
			uint64_t blocks = n / fs->block_size;

			rc = write_run(fs, in, pos / fs->block_size,
				       blocks < MAX_RUN ? blocks : MAX_RUN, src + done);
			if (rc > 0) {
				n = (size_t)rc * fs->block_size;
				rc = 0;
			}
		} else {
			if (n > fs->block_size - boff)
				n = fs->block_size - boff;
			if (!bounce)
				bounce = malloc(fs->block_size);
			rc = bounce ? write_partial(fs, in, pos, src + done, n, bounce) : -ENOMEM;
		}
		if (!rc)
			done += n;
	}
	free(bounce);
	if (done && off + done > in->size)
		in->size = off + done;
	if (done)
		in->mtime = ext2_now();
	return done ? (ssize_t)done : rc;
}
