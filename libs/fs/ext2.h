/*
 * Private interface of the ext2/3/4 driver (driver name "ext4"): the
 * mounted-filesystem state, the in-memory copy of an on-disk inode, and the
 * helpers that the superblock, inode, extent, directory, writer and
 * VFS-glue files share.  Every on-disk value is bounds-checked before it
 * is used, so a corrupt image yields -EIO rather than a crash or an
 * endless loop.  The writer (ext2_cache/alloc/bmapw/dirw/write.c) handles
 * plain ext2 only (see ext2_writable()); its metadata changes collect in a
 * small write-back block cache that ext2_sync() writes out, after the file
 * data, which is written straight to the device.  Calls on one filesystem
 * are serialised by the caller.
 */
#ifndef FS_EXT2_H
#define FS_EXT2_H

#include <stdbool.h>
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

#define EXT2_INDEX_FL		0x00001000
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
	uint32_t compat;
	uint32_t first_ino;		/* first non-reserved inode */
	/* writer state; writable is false for a read-only mount */
	bool writable;
	bool sb_dirty;
	uint8_t *sb_raw;		/* primary superblock, 1024 bytes */
	struct ext2_cache *cache;
	uint64_t goal;			/* next block to try allocating */
};

struct ext2_inode {
	uint32_t ino;
	uint16_t mode;
	uint16_t links;
	uint64_t size;
	uint32_t mtime;
	uint32_t dtime;
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

/* Read len bytes at offset off inside block blk (blk checked); sees
 * metadata changes not yet written back. */
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

/* Group descriptor of group g: its block and offset in that block. */
int ext2_desc_location(struct ext2_fs *fs, uint32_t g, uint64_t *blk, uint32_t *off);

/* --- writer ---------------------------------------------------------- */

/* Decide at mount whether the writer can handle fs (prints why not). */
void ext2_check_writable(struct ext2_fs *fs, const uint8_t *sb);

/* Metadata block cache (ext2_cache.c): read or write len bytes at off in
 * block blk through the cache; forget a block that is freed; write back
 * all dirty blocks and the superblock; sync = write back + device flush;
 * overlay the dirty cached blocks on a run just read from the device. */
int ext2_cache_init(struct ext2_fs *fs);
void ext2_cache_free(struct ext2_fs *fs);
bool ext2_cache_lookup(struct ext2_fs *fs, uint64_t blk, uint32_t off, void *buf,
		       size_t len);
int ext2_meta_read(struct ext2_fs *fs, uint64_t blk, uint32_t off, void *buf, size_t len);
int ext2_meta_write(struct ext2_fs *fs, uint64_t blk, uint32_t off, const void *buf,
		    size_t len);
void ext2_cache_forget(struct ext2_fs *fs, uint64_t blk);
void ext2_cache_overlay(struct ext2_fs *fs, uint64_t blk, uint32_t n, uint8_t *dst);
int ext2_writeback(struct ext2_fs *fs);
int ext2_sync(struct ext2_fs *fs);

/* Superblock fields the writer keeps up to date. */
uint32_t ext2_sb_get(struct ext2_fs *fs, uint32_t off);
void ext2_sb_set(struct ext2_fs *fs, uint32_t off, uint32_t val);

/* Allocation (ext2_alloc.c): a run of up to want free blocks near the
 * goal (*got of them from *blk, contiguous), freeing one block, and
 * inodes (dir: counts a directory in its group). */
int ext2_block_alloc(struct ext2_fs *fs, uint32_t want, uint64_t *blk, uint32_t *got);
int ext2_block_free(struct ext2_fs *fs, uint64_t blk);
int ext2_inode_alloc(struct ext2_fs *fs, uint32_t parent, bool dir, uint32_t *ino);
int ext2_inode_free(struct ext2_fs *fs, uint32_t ino, bool dir);

/* Inode writing (ext2_write.c): store in back to disk; a fresh inode. */
int ext2_inode_write(struct ext2_fs *fs, const struct ext2_inode *in);
int ext2_inode_new(struct ext2_fs *fs, uint32_t ino, uint16_t mode, struct ext2_inode *in);
uint32_t ext2_now(void);
ssize_t ext2_file_write(struct ext2_fs *fs, struct ext2_inode *in, uint64_t off,
			const void *buf, size_t len);

/* Block maps (ext2_bmapw.c): map lblk, allocating it (and indirect
 * blocks) if it is a hole; with run, a run of up to *run contiguous
 * fresh blocks may be allocated at once (*run is set to its length).
 * Truncate frees every block past size. */
int ext2_bmap_alloc(struct ext2_fs *fs, struct ext2_inode *in, uint32_t lblk,
		    uint64_t *pblk, uint32_t *run);
int ext2_truncate(struct ext2_fs *fs, struct ext2_inode *in, uint64_t size);

/* Directory changes (ext2_dirw.c). */
int ext2_dir_add(struct ext2_fs *fs, struct ext2_inode *dir, const char *name,
		 size_t namelen, uint32_t ino, uint16_t mode);
int ext2_dir_remove(struct ext2_fs *fs, struct ext2_inode *dir, const char *name,
		    size_t namelen);
int ext2_dir_init(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t parent);
int ext2_dir_set_dotdot(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t parent);
int ext2_dir_is_empty(struct ext2_fs *fs, struct ext2_inode *dir);

/* VFS write operations (ext2_vfsw.c), see struct vfs_fs. */
int ext2w_create(void *sb, uint64_t dir, const char *name, size_t namelen,
		 uint32_t mode, uint64_t *ino);
ssize_t ext2w_write(void *sb, uint64_t ino, uint64_t off, const void *buf, size_t len);
int ext2w_truncate(void *sb, uint64_t ino, uint64_t size);
int ext2w_remove(void *sb, uint64_t dir, const char *name, size_t namelen, bool isdir);
int ext2w_rename(void *sb, uint64_t odir, const char *oname, size_t olen,
		 uint64_t ndir, const char *nname, size_t nlen);
int ext2w_sync(void *sb);

#endif
