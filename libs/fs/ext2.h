/*
 * Private interface of the ext2/3/4 reader (driver name "ext4"): the
 * mounted-filesystem state, the in-memory copy of an on-disk inode, and the
 * helpers that the superblock, inode, extent, directory and VFS-glue files
 * share.  Every on-disk value is bounds-checked before it is used, so a
 * corrupt image yields -EIO rather than a crash or an endless loop.
 */
#ifndef FS_EXT2_H
#define FS_EXT2_H

#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <vmm/blockdev.h>

#define EXT2_ROOT_INO		2
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IBLOCK_BYTES	60

/* Feature bits this reader cares about (others are listed in ext2_super.c). */
#define EXT2_INCOMPAT_META_BG	0x0010
#define EXT2_INCOMPAT_64BIT	0x0080
#define EXT2_INCOMPAT_LARGEDIR	0x4000
#define EXT2_RO_COMPAT_SPARSE	0x0001

#define EXT2_EXTENTS_FL		0x00080000
#define EXT2_INLINE_DATA_FL	0x10000000

struct ext2_fs {
	struct blockdev *bdev;
	uint32_t block_size;
	uint64_t blocks_count;
	uint32_t inodes_count;
	uint32_t inodes_per_group;
	uint32_t blocks_per_group;
	uint32_t first_data_block;
	uint32_t groups;
	uint32_t inode_size;
	uint32_t desc_size;
	uint32_t first_meta_bg;
	uint32_t incompat;
	uint32_t ro_compat;
};

struct ext2_inode {
	uint32_t ino;
	uint16_t mode;
	uint16_t links;
	uint64_t size;
	uint32_t mtime;
	uint32_t flags;
	uint64_t blocks512;	/* i_blocks, in 512-byte units */
	uint64_t file_acl;
	uint8_t block[EXT2_IBLOCK_BYTES];
};

static inline uint16_t ext2_le16(const void *p)
{
	const uint8_t *b = p;

	return b[0] | (uint16_t)b[1] << 8;
}

static inline uint32_t ext2_le32(const void *p)
{
	return ext2_le16(p) | (uint32_t)ext2_le16((const uint8_t *)p + 2) << 16;
}

/* Superblock: parse and validate (prints why a filesystem is refused). */
int ext2_fs_open(struct blockdev *bdev, struct ext2_fs **fs);
void ext2_fs_close(struct ext2_fs *fs);

/* Read len bytes at offset off inside block blk (blk checked). */
int ext2_read_block(struct ext2_fs *fs, uint64_t blk, uint32_t off, void *buf,
		    size_t len);

/* First block of the inode table of group. */
int ext2_inode_table(struct ext2_fs *fs, uint32_t group, uint64_t *blk);

/* Inodes: read, map a logical block (0 = hole), read data, symlinks. */
int ext2_inode_read(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in);
int ext2_bmap(struct ext2_fs *fs, const struct ext2_inode *in, uint64_t lblk,
	      uint64_t *pblk);
int ext2_extent_map(struct ext2_fs *fs, const struct ext2_inode *in,
		    uint32_t lblk, uint64_t *pblk);
ssize_t ext2_file_read(struct ext2_fs *fs, const struct ext2_inode *in,
		       uint64_t off, void *buf, size_t len);
ssize_t ext2_readlink(struct ext2_fs *fs, const struct ext2_inode *in,
		      char *buf, size_t len);

/* Directories: call fn for each live entry; non-zero from fn stops. */
typedef int (*ext2_dir_fn)(void *arg, const char *name, size_t namelen,
			   uint32_t ino);
int ext2_dir_iterate(struct ext2_fs *fs, const struct ext2_inode *dir,
		     ext2_dir_fn fn, void *arg);
int ext2_dir_lookup(struct ext2_fs *fs, const struct ext2_inode *dir,
		    const char *name, size_t namelen, uint32_t *ino);

#endif
