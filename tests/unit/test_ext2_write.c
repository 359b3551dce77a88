/*
 * Unit tests of the ext2 writer through the VFS, over images made by
 * mke2fs and genext2fs (tests/unit/ext2_write.mk): files of 0 B to 5 MiB
 * (direct, indirect and double-indirect maps), overwrites, truncation,
 * directories that grow past one block, mkdir/rmdir, unlink, rename within
 * and across directories (a moved directory's ".." follows), the error
 * cases, running out of space and inodes; after each, the image is saved
 * and the host's `e2fsck -fn` must find it clean and `debugfs` must read
 * the same bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/blockdev.h>
#include <vmm/rbd.h>
#include <vmm/vfs.h>
#include "unit.h"

extern const char ext2w_data_dir[];

static uint8_t *image;
static size_t image_size;
static char saved[600];

uint64_t timer_ns(void)
{
	return 1700000000ull * 1000000000ull;
}

static uint8_t pattern(uint64_t i, unsigned int seed)
{
	return (uint8_t)((i * 131 + (i >> 10) * 7 + seed) ^ (i >> 17));
}

/* Mount name, or the last image saved when name is NULL. */
static int mount_img(const char *name)
{
	char path[700];
	FILE *f;

	if (name)
		snprintf(path, sizeof(path), "%s/%s", ext2w_data_dir, name);
	else
		snprintf(path, sizeof(path), "%s", saved);
	f = fopen(path, "rb");
	if (!f)
		return -ENOENT;
	fseek(f, 0, SEEK_END);
	image_size = ftell(f);
	fseek(f, 0, SEEK_SET);
	image = malloc(image_size);
	CHECK(fread(image, 1, image_size, f) == image_size);
	fclose(f);
	CHECK_EQ(rbd_create("img", (uintptr_t)image, image_size & ~511ul), 0);
	return vfs_mount("img", "/", NULL);
}

/* Unmount, save the image under a per-test name and release it. */
static void umount_save(const char *tag)
{
	FILE *f;

	CHECK_EQ(vfs_umount("/"), 0);
	CHECK_EQ(rbd_destroy("img"), 0);
	snprintf(saved, sizeof(saved), "%s/out-%s.img", ext2w_data_dir, tag);
	f = fopen(saved, "wb");
	CHECK(f && fwrite(image, 1, image_size, f) == image_size);
	if (f)
		fclose(f);
	free(image);
	image = NULL;
}

static int fsck_clean(void)
{
	char cmd[1400];
	int rc;

	snprintf(cmd, sizeof(cmd), "e2fsck -fn %s >%s.fsck 2>&1", saved, saved);
	rc = system(cmd);
	if (rc) {
		snprintf(cmd, sizeof(cmd), "cat %s.fsck >&2", saved);
		CHECK_EQ(system(cmd), 0);
	}
	return rc == 0;
}

/* The bytes of path in the saved image, as debugfs reads them. */
static uint8_t *host_read(const char *path, size_t *len)
{
	char cmd[1400];
	size_t cap = 1 << 16, n = 0;
	uint8_t *buf = malloc(cap);
	FILE *p;

	snprintf(cmd, sizeof(cmd), "debugfs -R 'cat %s' %s 2>/dev/null", path, saved);
	p = popen(cmd, "r");
	for (size_t got; p && (got = fread(buf + n, 1, cap - n, p)) > 0;) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	if (p)
		pclose(p);
	*len = n;
	return buf;
}

static int host_has(const char *path, uint64_t size, unsigned int seed)
{
	size_t len;
	uint8_t *b = host_read(path, &len);
	int ok = len == size;

	for (uint64_t i = 0; ok && i < size; i++)
		ok = b[i] == pattern(i, seed);
	free(b);
	if (!ok)
		fprintf(stderr, "host copy of %s: %zu bytes, want %llu\n", path, len,
			(unsigned long long)size);
	return ok;
}

/* Write size pattern bytes to path in pieces of step bytes. */
static int write_file(const char *path, uint64_t size, unsigned int seed, size_t step)
{
	uint8_t *buf = malloc(step);
	struct vfs_file *f;
	int rc = vfs_open_write(path, true, &f), rc2;

	if (rc) {
		free(buf);
		return rc;
	}
	for (uint64_t off = 0; !rc && off < size;) {
		size_t n = size - off < step ? size - off : step;
		ssize_t w;

		for (size_t i = 0; i < n; i++)
			buf[i] = pattern(off + i, seed);
		w = vfs_pwrite(f, off, buf, n);	/* short: the next one fails */
		if (w < 0)
			rc = (int)w;
		else
			off += w;
	}
	rc2 = vfs_close_sync(f);
	free(buf);
	return rc ? rc : rc2;
}

static int vfs_has(const char *path, uint64_t size, unsigned int seed)
{
	char *buf;
	size_t len;
	int ok;

	if (vfs_read_file(path, 64 << 20, &buf, &len))
		return 0;
	ok = len == size;
	for (uint64_t i = 0; ok && i < size; i++)
		ok = (uint8_t)buf[i] == pattern(i, seed);
	free(buf);
	return ok;
}

static const struct {
	const char *path;
	uint64_t size;
	size_t step;
} files[] = {
	{ "/empty", 0, 1 },		{ "/one", 1, 1 },
	{ "/d/four_k", 4096, 4096 },	{ "/d/e/odd", 300001, 777 },
	{ "/big", 5 << 20, 65536 },	{ "/d/sixty", 61440, 1000 },
};

static void write_tree(void)
{
	CHECK_EQ(vfs_mkdir("/d"), 0);
	CHECK_EQ(vfs_mkdir("/d/e"), 0);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		CHECK_EQ(write_file(files[i].path, files[i].size, i, files[i].step), 0);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		CHECK(vfs_has(files[i].path, files[i].size, i));
}

static void check_tree_on_host(void)
{
	CHECK(fsck_clean());
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		CHECK(host_has(files[i].path, files[i].size, i));
}

UNIT_TEST(files_of_every_map_depth_1k_and_4k)
{
	const char *imgs[] = { "ext2-1k.img", "ext2-4k.img", "gen.img" };

	for (size_t k = 0; k < 3; k++) {
		fprintf(stderr, "image %s\n", imgs[k]);
		CHECK_EQ(mount_img(imgs[k]), 0);
		write_tree();
		umount_save(imgs[k]);
		check_tree_on_host();
		/* and the driver reads its own work after a remount */
		CHECK_EQ(mount_img(NULL), 0);
		for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
			CHECK(vfs_has(files[i].path, files[i].size, i));
		umount_save("unused");
	}
}

UNIT_TEST(overwrite_truncate_and_holes)
{
	struct vfs_file *f;
	struct vfs_stat st;
	uint8_t buf[3000];

	CHECK_EQ(mount_img("ext2-1k.img"), 0);
	CHECK_EQ(write_file("/f", 400000, 1, 4096), 0);
	/* overwrite an unaligned middle range with the same pattern, seed 1 */
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = pattern(123457 + i, 1);
	CHECK_EQ(vfs_open_write("/f", false, &f), 0);
	CHECK_EQ(vfs_pwrite(f, 123457, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	CHECK_EQ(vfs_close_sync(f), 0);
	CHECK(vfs_has("/f", 400000, 1));
	/* shrink to an unaligned size, then grow: the tail reads as zeros */
	CHECK_EQ(vfs_truncate("/f", 70001), 0);
	CHECK(vfs_has("/f", 70001, 1));
	CHECK_EQ(vfs_truncate("/f", 80000), 0);
	CHECK_EQ(vfs_stat("/f", &st), 0);
	CHECK_EQ(st.size, 80000);
	CHECK_EQ(vfs_open("/f", &f), 0);
	CHECK_EQ(vfs_pread(f, 70000, buf, 2000), 2000);
	CHECK_EQ(buf[0], pattern(70000, 1));
	CHECK_EQ(buf[1] | buf[500] | buf[1999], 0);
	vfs_close(f);
	/* a write far past the end leaves a hole */
	CHECK_EQ(vfs_open_write("/hole", false, &f), 0);
	CHECK_EQ(vfs_pwrite(f, 1 << 20, "x", 1), 1);
	CHECK_EQ(vfs_close_sync(f), 0);
	CHECK_EQ(vfs_stat("/hole", &st), 0);
	CHECK_EQ(st.size, (1 << 20) + 1);
	umount_save("trunc");
	CHECK(fsck_clean());
}

UNIT_TEST(directories_rename_and_remove)
{
	char name[300];
	struct vfs_stat st;

	CHECK_EQ(mount_img("ext2-4k.img"), 0);
	CHECK_EQ(vfs_mkdir("/a"), 0);
	CHECK_EQ(vfs_mkdir("/a/b"), 0);
	CHECK_EQ(vfs_mkdir("/a"), -EEXIST);
	CHECK_EQ(vfs_mkdir("/nope/x"), -ENOENT);
	CHECK_EQ(vfs_mkdir("/sub/old.txt/x"), -ENOTDIR);
	/* 200 long names: the directory grows past one 4 KiB block */
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "/a/b/file-with-a-rather-long-name-%03d", i);
		CHECK_EQ(write_file(name, i, i, 64), 0);
	}
	for (int i = 0; i < 200; i += 2) {
		snprintf(name, sizeof(name), "/a/b/file-with-a-rather-long-name-%03d", i);
		CHECK_EQ(vfs_unlink(name), 0);
	}
	CHECK_EQ(vfs_rmdir("/a/b"), -ENOTEMPTY);
	CHECK_EQ(vfs_unlink("/a/b"), -EISDIR);
	CHECK_EQ(vfs_rmdir("/sub/old.txt"), -ENOTDIR);
	CHECK_EQ(vfs_unlink("/a/b/nothing"), -ENOENT);
	/* rename: in place, across directories, a directory (its ".."
	 * follows), over an existing file, and into itself (refused) */
	CHECK_EQ(vfs_rename("/sub/old.txt", "/sub/new.txt"), 0);
	CHECK_EQ(vfs_rename("/sub/new.txt", "/a/moved.txt"), 0);
	CHECK_EQ(vfs_rename("/a/b", "/sub/b2"), 0);
	CHECK_EQ(vfs_stat("/sub/b2/..", &st), 0);
	CHECK_EQ(vfs_rename("/a/b/x", "/y"), -ENOENT);
	CHECK_EQ(vfs_rename("/sub", "/sub/b2/inner"), -EINVAL);
	CHECK_EQ(write_file("/victim", 10, 3, 10), 0);
	CHECK_EQ(vfs_rename("/a/moved.txt", "/victim"), 0);
	CHECK_EQ(vfs_stat("/a/moved.txt", &st), -ENOENT);
	CHECK_EQ(vfs_stat("/victim", &st), 0);
	CHECK_EQ(st.size, 6);
	CHECK_EQ(vfs_mkdir("/gone"), 0);
	CHECK_EQ(vfs_rmdir("/gone"), 0);
	/* a directory over an empty one, in the same parent and across */
	CHECK_EQ(vfs_mkdir("/p"), 0);
	CHECK_EQ(vfs_mkdir("/p/x"), 0);
	CHECK_EQ(vfs_mkdir("/p/y"), 0);
	CHECK_EQ(vfs_mkdir("/p/x/inner"), 0);
	CHECK_EQ(vfs_rename("/p/x", "/p/y"), 0);
	CHECK_EQ(vfs_stat("/p/y/inner", &st), 0);
	CHECK_EQ(vfs_mkdir("/q"), 0);
	CHECK_EQ(vfs_mkdir("/q/full"), 0);
	CHECK_EQ(vfs_rename("/p/y", "/q"), -ENOTEMPTY);
	CHECK_EQ(vfs_mkdir("/z"), 0);
	CHECK_EQ(vfs_rename("/p/y", "/z"), 0);
	CHECK_EQ(vfs_rename("/victim", "/q"), -EISDIR);
	CHECK_EQ(vfs_rename("/z", "/victim"), -ENOTDIR);
	CHECK_EQ(vfs_rename("/z", "/z/inner/deeper"), -EINVAL);
	CHECK_EQ(vfs_rmdir("/"), -EBUSY);
	umount_save("dirs");
	CHECK(fsck_clean());
	{
		size_t len;
		uint8_t *b = host_read("/victim", &len);

		CHECK(len == 6 && !memcmp(b, "hello\n", 6));
		free(b);
	}
	for (int i = 1; i < 200; i += 50) {
		snprintf(name, sizeof(name), "/sub/b2/file-with-a-rather-long-name-%03d", i);
		CHECK(host_has(name, i, i));
	}
}

UNIT_TEST(running_out_of_space_and_inodes)
{
	char name[64];
	int rc = 0, made = 0;

	CHECK_EQ(mount_img("tiny.img"), 0);
	CHECK_EQ(write_file("/fill", 10 << 20, 9, 65536), -ENOSPC);
	CHECK_EQ(vfs_unlink("/fill"), 0);
	for (int i = 0; i < 100 && !rc; i++) {
		snprintf(name, sizeof(name), "/f%d", i);
		rc = write_file(name, 10, i, 10);
		made += !rc;
	}
	CHECK_EQ(rc, -ENOSPC);
	CHECK(made > 40);
	umount_save("full");
	CHECK(fsck_clean());
}

/* One byte every 256 KiB of a 1 KiB-block filesystem: each needs its own
 * indirect block, so more metadata is dirty than the cache holds (256
 * blocks) and it is written back in the middle of the file. */
UNIT_TEST(sparse_file_overflows_the_metadata_cache)
{
	struct vfs_file *f;
	int n = 400;

	CHECK_EQ(mount_img("ext2-1k.img"), 0);
	CHECK_EQ(vfs_open_write("/sparse", true, &f), 0);
	for (int i = 0; i < n; i++) {
		uint8_t b = pattern(i, 5);

		CHECK_EQ(vfs_pwrite(f, (uint64_t)i << 18, &b, 1), 1);
	}
	CHECK_EQ(vfs_close_sync(f), 0);
	CHECK_EQ(vfs_open("/sparse", &f), 0);
	for (int i = 0; i < n; i++) {
		uint8_t b[2] = { 1, 1 };

		CHECK_EQ(vfs_pread(f, ((uint64_t)i << 18) - (i > 0), b, 2), 2);
		CHECK(i ? !b[0] && b[1] == pattern(i, 5) : b[0] == pattern(0, 5));
	}
	vfs_close(f);
	umount_save("sparse");
	CHECK(fsck_clean());
	CHECK_EQ(mount_img(NULL), 0);
	CHECK_EQ(vfs_unlink("/sparse"), 0);
	umount_save("sparse-gone");
	CHECK(fsck_clean());
}

/* A block bitmap zeroed by corruption calls the group's metadata free:
 * the writer must refuse (-EIO) and leave the inode table alone. */
UNIT_TEST(corrupt_bitmap_is_refused)
{
	uint8_t *copy;
	uint32_t bitmap, table, isize;
	struct vfs_stat st;

	CHECK_EQ(mount_img("ext2-1k.img"), 0);
	CHECK_EQ(vfs_umount("/"), 0);
	/* group 0's descriptor is in block 2 of a 1 KiB-block filesystem */
	bitmap = image[2048] | image[2049] << 8 | image[2050] << 16;
	table = image[2056] | image[2057] << 8 | image[2058] << 16;
	memset(image + bitmap * 1024, 0, 1024);
	copy = malloc(256 * 1024);
	memcpy(copy, image + table * 1024, 256 * 1024);
	CHECK_EQ(vfs_mount("img", "/", NULL), 0);
	CHECK_EQ(write_file("/x", 5000, 1, 5000), -EIO);
	/* only the slots of the root directory and of the new (empty) /x
	 * may have changed in the table */
	CHECK_EQ(vfs_stat("/x", &st), 0);
	CHECK_EQ(st.size, 0);
	isize = image[1024 + 88] | image[1024 + 89] << 8;
	for (uint64_t ino = 2; ino; ino = ino == 2 ? st.ino : 0)
		memcpy(copy + (ino - 1) * isize, image + table * 1024 + (ino - 1) * isize, isize);
	CHECK(!memcmp(copy, image + table * 1024, 256 * 1024) ||
	      !"an inode-table block was handed out as data");
	free(copy);
	umount_save("corrupt");
}

UNIT_MAIN();
