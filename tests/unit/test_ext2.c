/*
 * Unit tests of block devices, RAM disks, the VFS and the ext4/cpio
 * drivers over images built by tests/unit/ext2.mk: byte-for-byte file
 * contents (indirect, double-indirect and extent-mapped, sparse), big
 * directories, symlinks, mount points, read-only refusals of ext3/ext4
 * images, refused feature
 * flags, and truncated or corrupted images failing cleanly.
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
#include "vfs_walk.h"

extern const char ext2_data_dir[];

#define MTIME		1000000000
#define BIG_SIZE	4700000
#define SPARSE_SIZE	(6 * 1024 * 1024 + 1000)
#define MANY		300

static const char *const images[] = {
	"gen1k.img", "ext2-2k.img", "ext2-4k.img", "ext3.img", "ext4.img",
	"ext4-metabg.img",
};

static uint8_t *load(const char *name, size_t *size)
{
	char path[512];
	uint8_t *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", ext2_data_dir, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = n;
	return buf;
}

static uint8_t pattern(size_t i)
{
	return (i * 7 + (i >> 12)) & 0xff;
}

static int read_all(const char *path, char **buf, size_t *len)
{
	return vfs_read_file(path, 64 << 20, buf, len);
}

static int file_is(const char *path, const char *text)
{
	size_t len;
	char *buf;
	int ok;

	if (read_all(path, &buf, &len))
		return 0;
	ok = len == strlen(text) && !memcmp(buf, text, len);
	free(buf);
	return ok;
}

/* Read big.bin in odd-sized pieces and compare with the pattern. */
static void check_big(void)
{
	static uint8_t chunk[10007];
	struct vfs_file *f;
	struct vfs_stat st;
	size_t off = 0, bad = 0;

	CHECK_EQ(vfs_open("/big.bin", &f), 0);
	vfs_fstat(f, &st);
	CHECK_EQ(st.size, BIG_SIZE);
	for (;;) {
		ssize_t n = vfs_read(f, chunk, sizeof(chunk));

		CHECK(n >= 0);
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			bad += chunk[i] != pattern(off + i);
		off += n;
	}
	CHECK_EQ(off, BIG_SIZE);
	CHECK_EQ(bad, 0);
	CHECK_EQ(vfs_pread(f, BIG_SIZE - 3, chunk, 100), 3);
	CHECK_EQ(chunk[2], pattern(BIG_SIZE - 1));
	vfs_close(f);
}

static void check_sparse(void)
{
	size_t len, bad = 0;
	char *buf, *want = calloc(1, SPARSE_SIZE);
	char island[16 * 32];

	for (int k = 0; k <= 6; k++) {
		char line[32];

		snprintf(line, sizeof(line), "island %d\n", k);
		island[0] = '\0';
		for (int r = 0; r < 16; r++)
			strcat(island, line);
		memcpy(want + ((size_t)k << 20), island, strlen(island));
	}
	CHECK_EQ(read_all("/sparse.bin", &buf, &len), 0);
	CHECK_EQ(len, SPARSE_SIZE);
	for (size_t i = 0; i < len && i < SPARSE_SIZE; i++)
		bad += buf[i] != want[i];
	CHECK_EQ(bad, 0);
	free(buf);
	free(want);
}

static int count_entry(void *arg, const char *name, const struct vfs_stat *st)
{
	int *n = arg;

	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return 0;
	if (strncmp(name, "file", 4) || !VFS_ISREG(st->mode) || st->size < 15)
		return -EINVAL;
	(*n)++;
	return 0;
}

static void check_many(void)
{
	int n = 0;
	char path[64], text[64];

	CHECK_EQ(vfs_readdir("/many", count_entry, &n), 0);
	CHECK_EQ(n, MANY);
	for (int i = 0; i < MANY; i++) {
		snprintf(path, sizeof(path), "/many/file%03d", i);
		snprintf(text, sizeof(text), "this is file %d\n", i);
		if (!file_is(path, text)) {
			CHECK(!path[0]);
			break;
		}
	}
}

static void check_tree(void)
{
	struct vfs_stat st;
	struct vfs_file *f;
	size_t len;
	char *buf;

	CHECK(file_is("/hello.txt", "Hello, ext2!\n"));
	CHECK(file_is("/a/b/c/deep.txt", "deep file\n"));
	CHECK(file_is("//a/./b/../b/c/deep.txt", "deep file\n"));
	CHECK(file_is("/empty", ""));
	CHECK(file_is("/link", "Hello, ext2!\n"));
	CHECK(file_is("/a/b/c/up", "Hello, ext2!\n"));
	CHECK(file_is("/abslink", "deep file\n"));
	CHECK(file_is("/longlink", "deep file\n"));
	CHECK_EQ(vfs_stat("/loop1", &st), -ELOOP);
	CHECK_EQ(vfs_lstat("/link", &st), 0);
	CHECK(VFS_ISLNK(st.mode));
	CHECK_EQ(st.size, 9);
	CHECK_EQ(vfs_stat("/hello.txt", &st), 0);
	CHECK(VFS_ISREG(st.mode));
	CHECK_EQ(st.size, 13);
	CHECK_EQ(st.mtime, MTIME);
	CHECK_EQ(vfs_stat("/a/b", &st), 0);
	CHECK(VFS_ISDIR(st.mode));
	CHECK_EQ(vfs_open("/a", &f), -EISDIR);
	CHECK_EQ(vfs_open("/nope", &f), -ENOENT);
	CHECK_EQ(vfs_open("/hello.txt/x", &f), -ENOTDIR);
	CHECK_EQ(vfs_open("relative", &f), -EINVAL);
	CHECK_EQ(vfs_read_file("/hello.txt", 12, &buf, &len), -EFBIG);
	check_big();
	check_sparse();
	check_many();
}

static uint8_t *mount_image(const char *img, const char *bdev, size_t *size,
			    int *rc, const char **fs)
{
	uint8_t *buf = load(img, size);

	*rc = -ENOENT;
	if (!buf)
		return NULL;
	CHECK_EQ(rbd_create(bdev, (uintptr_t)buf, *size & ~511ul), 0);
	*rc = vfs_mount(bdev, "/", fs);
	return buf;
}

static void unmount_image(const char *bdev, uint8_t *buf, int mounted)
{
	if (mounted)
		CHECK_EQ(vfs_umount("/"), 0);
	CHECK_EQ(rbd_destroy(bdev), 0);
	free(buf);
}

UNIT_TEST(ext2_images_read_correctly)
{
	for (size_t i = 0; i < sizeof(images) / sizeof(images[0]); i++) {
		const char *fs = NULL;
		size_t size;
		int rc;
		uint8_t *buf = mount_image(images[i], "img", &size, &rc, &fs);

		fprintf(stderr, "image %s\n", images[i]);
		CHECK(buf);
		CHECK_EQ(rc, 0);
		if (!buf || rc) {
			if (buf)
				unmount_image("img", buf, 0);
			continue;
		}
		CHECK_STR(fs, "ext4");
		check_tree();
		if (!strncmp(images[i], "ext3", 4) || !strncmp(images[i], "ext4", 4)) {
			/* journal or extents: the writer leaves these alone */
			CHECK_EQ(vfs_mkdir("/newdir"), -EROFS);
			CHECK_EQ(vfs_unlink("/hello.txt"), -EROFS);
			CHECK_EQ(vfs_rename("/hello.txt", "/x"), -EROFS);
		}
		unmount_image("img", buf, 1);
	}
}

UNIT_TEST(unsupported_features_are_refused)
{
	const char *fs;
	size_t size;
	int rc;
	uint8_t *buf = mount_image("inline.img", "inl", &size, &rc, &fs);

	CHECK(buf);
	CHECK_EQ(rc, -EOPNOTSUPP);
	if (buf)
		unmount_image("inl", buf, 0);
}

UNIT_TEST(cpio_mounts_on_a_directory)
{
	struct vfs_mount_info mi;
	size_t size, csize;
	const char *fs;
	int rc;
	uint8_t *buf = mount_image("gen1k.img", "root", &size, &rc, &fs);
	uint8_t *cpio = load("small.cpio", &csize);
	struct vfs_stat st;

	CHECK(buf && cpio && !rc);
	if (!buf || !cpio || rc)
		return;
	CHECK_EQ(rbd_create("cp", (uintptr_t)cpio, csize), 0);
	CHECK_EQ(vfs_mount("cp", "/hello.txt", &fs), -ENOTDIR);
	CHECK_EQ(vfs_mount("cp", "/missing", &fs), -ENOENT);
	CHECK_EQ(vfs_mount("root", "/mnt", &fs), -EBUSY);
	CHECK_EQ(vfs_mount("cp", "/mnt", &fs), 0);
	CHECK_STR(fs, "cpio");
	CHECK_EQ(vfs_mount("cp", "/mnt", &fs), -EBUSY);
	CHECK(file_is("/mnt/top.txt", "cpio top\n"));
	CHECK(file_is("/mnt/sub/inner.txt", "inside cpio\n"));
	CHECK(file_is("/mnt/sub/ln", "inside cpio\n"));
	CHECK(file_is("/mnt/../hello.txt", "Hello, ext2!\n"));
	CHECK_EQ(vfs_stat("/mnt/sub", &st), 0);
	CHECK(VFS_ISDIR(st.mode));
	CHECK_EQ(vfs_mount_get(1, &mi), 0);
	CHECK_STR(mi.path, "/mnt");
	CHECK_STR(mi.bdev, "cp");
	CHECK_EQ(vfs_mount_get(2, &mi), -ENOENT);
	CHECK_EQ(vfs_umount("/"), -EBUSY);
	CHECK_EQ(rbd_destroy("cp"), -EBUSY);
	CHECK_EQ(vfs_umount("/mnt"), 0);
	CHECK_EQ(vfs_stat("/mnt/top.txt", &st), -ENOENT);
	CHECK_EQ(rbd_destroy("cp"), 0);
	free(cpio);
	unmount_image("root", buf, 1);
}

UNIT_TEST(fs_try_order_is_cpio_then_ext4)
{
	CHECK_EQ(vfs_fs_count(), 2);
	CHECK_STR(vfs_fs_get(0)->name, "cpio");
	CHECK_STR(vfs_fs_get(1)->name, "ext4");
	CHECK(!vfs_fs_get(2));
}

UNIT_TEST(truncated_images_fail_to_mount)
{
	static const size_t cuts[] = { 512, 1536, 4096, 1 << 20, 8 << 20 };

	for (size_t i = 0; i < sizeof(images) / sizeof(images[0]); i++) {
		size_t size;
		uint8_t *buf = load(images[i], &size);

		CHECK(buf);
		for (size_t c = 0; buf && c < sizeof(cuts) / sizeof(cuts[0]); c++) {
			CHECK_EQ(rbd_create("cut", (uintptr_t)buf, cuts[c]), 0);
			CHECK(vfs_mount("cut", "/", NULL) < 0);
			CHECK_EQ(rbd_destroy("cut"), 0);
		}
		free(buf);
	}
}

/* Deterministic byte corruption of metadata, then a full walk: every
 * outcome is fine except a crash, a hang or a sanitizer report. */
UNIT_TEST(corrupted_images_fail_cleanly)
{
	uint32_t seed = 12345;

	for (size_t i = 0; i < sizeof(images) / sizeof(images[0]); i++) {
		size_t size;
		uint8_t *orig = load(images[i], &size), *buf = malloc(size);

		CHECK(orig && buf);
		for (int round = 0; orig && buf && round < 60; round++) {
			struct vfs_walk_stats ws;

			memcpy(buf, orig, size);
			for (int k = 0; k < 1 + round % 16; k++) {
				seed = seed * 1103515245 + 12345;
				buf[1024 + (seed >> 8) % (256 * 1024)] ^= 1 << (seed & 7);
			}
			CHECK_EQ(rbd_create("bad", (uintptr_t)buf, size), 0);
			if (!vfs_mount("bad", "/", NULL)) {
				vfs_walk("/", 1 << 20, &ws);
				CHECK_EQ(vfs_umount("/"), 0);
			}
			CHECK_EQ(rbd_destroy("bad"), 0);
		}
		free(orig);
		free(buf);
	}
}

UNIT_TEST(corrupt_superblock_and_directory_are_reported)
{
	size_t size;
	uint8_t *buf = load("gen1k.img", &size);
	struct vfs_walk_stats ws;

	CHECK(buf);
	if (!buf)
		return;
	CHECK_EQ(rbd_create("c", (uintptr_t)buf, size), 0);
	buf[1024 + 24] = 20;			/* s_log_block_size */
	CHECK_EQ(vfs_mount("c", "/", NULL), -EINVAL);
	buf[1024 + 24] = 0;
	CHECK_EQ(vfs_mount("c", "/", NULL), 0);
	vfs_walk("/", 1 << 20, &ws);
	CHECK_EQ(ws.errors, 0);
	CHECK(ws.files >= MANY + 5);
	CHECK_EQ(vfs_umount("/"), 0);
	CHECK_EQ(rbd_destroy("c"), 0);
	free(buf);
}

UNIT_TEST(blockdev_registry_and_byte_reads)
{
	static uint8_t mem[4096];
	struct rbd_info info;
	struct blockdev *d;
	uint8_t out[700];

	for (size_t i = 0; i < sizeof(mem); i++)
		mem[i] = i * 3;
	CHECK_EQ(rbd_create("r0", (uintptr_t)mem, 100), -EINVAL);
	CHECK_EQ(rbd_create("r0", (uintptr_t)mem, sizeof(mem)), 0);
	CHECK_EQ(rbd_create("r0", (uintptr_t)mem, sizeof(mem)), -EEXIST);
	d = blockdev_find("r0");
	CHECK(d);
	if (!d)
		return;
	CHECK_EQ(d->block_size, 512);
	CHECK_EQ(d->block_count, 8);
	CHECK_EQ(blockdev_read_bytes(d, 300, out, sizeof(out)), 0);
	CHECK(!memcmp(out, mem + 300, sizeof(out)));
	CHECK_EQ(blockdev_read_bytes(d, 4000, out, 97), -EINVAL);
	CHECK_EQ(blockdev_count(), 1);
	CHECK(blockdev_get(0) == d);
	CHECK_EQ(rbd_get(0, &info), 0);
	CHECK_STR(info.name, "r0");
	CHECK_EQ(info.size, sizeof(mem));
	CHECK_EQ(rbd_get(1, &info), -ENOENT);
	CHECK_EQ(vfs_mount("r0", "/", NULL), -ENODEV);
	CHECK_EQ(vfs_mount("none", "/", NULL), -ENODEV);
	CHECK_EQ(rbd_destroy("r0"), 0);
	CHECK_EQ(rbd_destroy("r0"), -ENOENT);
	CHECK(!blockdev_find("r0"));
}

UNIT_MAIN();
