/*
 * Whether the ext2 writer may modify a filesystem.  It writes plain ext2:
 * block maps, no journal, no checksums, 32-byte group descriptors.  Any
 * other feature (ext3's journal, ext4's extents, 64bit, metadata_csum,
 * ...), an error state recorded in the superblock or a device that cannot
 * be written leaves the mount read-only, with one line saying why.
 */
#include <stdio.h>
#include "ext2.h"

#define COMPAT_OK	0x003b	/* dir_prealloc imagic ext_attr resize_inode dir_index */
#define INCOMPAT_OK	0x0212	/* filetype meta_bg flex_bg */
#define RO_COMPAT_OK	0x006b	/* sparse_super large_file huge_file dir_nlink extra_isize */
#define STATE_ERRORS	0x0002

struct feature {
	uint8_t word;		/* 0 compat, 1 incompat, 2 ro_compat */
	uint32_t bit;
	const char *name;
};

static const struct feature names[] = {
	{ 0, 0x0004, "has_journal" },	{ 0, 0x0200, "sparse_super2" },
	{ 1, 0x0040, "extent" },	{ 1, 0x0080, "64bit" },
	{ 1, 0x0100, "mmp" },		{ 1, 0x0400, "ea_inode" },
	{ 1, 0x2000, "csum_seed" },	{ 1, 0x4000, "large_dir" },
	{ 2, 0x0010, "uninit_bg" },	{ 2, 0x0100, "quota" },
	{ 2, 0x0200, "bigalloc" },	{ 2, 0x0400, "metadata_csum" },
	{ 2, 0x1000, "project" },	{ 2, 0x2000, "verity" },
};

void ext2_check_writable(struct ext2_fs *fs, const uint8_t *sb)
{
	uint32_t bad[3] = { fs->compat & ~COMPAT_OK, fs->incompat & ~INCOMPAT_OK,
			    fs->ro_compat & ~RO_COMPAT_OK };
	struct blockdev *bd = fs->bdev;

	fs->writable = false;
	if (bd->readonly || !bd->write)
		return;		/* nothing to explain: the device is read-only */
	if (bd->block_size > 1024 || fs->block_size % bd->block_size) {
		printf("ext4: %s: mounted read-only: device block size %u\n", bd->name,
		       bd->block_size);
		return;
	}
	if (bad[0] | bad[1] | bad[2]) {
		printf("ext4: %s: mounted read-only: the writer does not handle", bd->name);
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if (bad[names[i].word] & names[i].bit) {
				printf(" %s", names[i].name);
				bad[names[i].word] &= ~names[i].bit;
			}
		}
		for (int w = 0; w < 3; w++)
			if (bad[w])
				printf(" %s(0x%lx)", w == 0 ? "compat" : w == 1 ? "incompat" : "ro_compat",
				       (unsigned long)bad[w]);
		printf("\n");
		return;
	}
	if (ext2_le16(sb + 58) & STATE_ERRORS) {
		printf("ext4: %s: mounted read-only: the filesystem has errors (run e2fsck)\n",
		       bd->name);
		return;
	}
	fs->writable = !ext2_cache_init(fs);
}
