/*
 * libFuzzer entry point for the ext2 writer: the input becomes a RAM
 * block device; if it mounts writable, a fixed series of changes is made
 * (results ignored: refusals are expected on corrupt images), then it is
 * unmounted (which writes back), mounted again and walked.  Any crash,
 * hang, leak or sanitizer report is a bug, and so is a write outside the
 * device (the RAM disk bounds-checks every block).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/rbd.h>
#include <vmm/vfs.h>
#include "vfs_walk.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!freopen("/dev/null", "w", stdout))
		return 0;
	return 0;
}

static void write_file(const char *path, size_t len, size_t off)
{
	static uint8_t data[20000];
	struct vfs_file *f;

	memset(data, 'w', sizeof(data));
	if (vfs_open_write(path, off == 0, &f))
		return;
	vfs_pwrite(f, off, data, len);
	vfs_close(f);
}

static void change(void)
{
	vfs_mkdir("/fz");
	write_file("/fz/a", 20000, 0);
	write_file("/hello.txt", 3000, 1000);
	write_file("/sub/indirect", 100, 0);
	vfs_rename("/fz/a", "/b");
	vfs_rename("/sub", "/fz/sub");
	vfs_truncate("/b", 1500);
	vfs_unlink("/hello.txt");
	vfs_rmdir("/fz/sub");
	vfs_mkdir("/fz/c");
	vfs_rmdir("/fz/c");
	vfs_sync_all();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t padded = (size + 511) & ~(size_t)511;
	struct vfs_walk_stats st;
	uint8_t *buf;

	if (!size || size > (1 << 20))
		return 0;
	buf = calloc(1, padded);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (!rbd_create("fuzz", (uintptr_t)buf, padded)) {
		if (!vfs_mount("fuzz", "/", NULL)) {
			change();
			vfs_umount("/");
			if (!vfs_mount("fuzz", "/", NULL)) {
				vfs_walk("/", 64 * 1024, &st);
				vfs_umount("/");
			}
		}
		rbd_destroy("fuzz");
	}
	free(buf);
	return 0;
}
