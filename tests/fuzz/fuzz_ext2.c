/*
 * libFuzzer entry point for the filesystem drivers: the input becomes a
 * RAM block device (zero-padded to whole 512-byte blocks), is mounted at /
 * and, if that works, every directory is listed and every file read.  Any
 * crash, hang or sanitizer report is a bug; mount failures are expected.
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
	/* the drivers explain refusals on stdout: keep the fuzzer quiet */
	if (!freopen("/dev/null", "w", stdout))
		return 0;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t padded = (size + 511) & ~(size_t)511;
	struct vfs_walk_stats st;
	uint8_t *buf;

	if (!size)
		return 0;
	buf = calloc(1, padded);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (!rbd_create("fuzz", (uintptr_t)buf, padded)) {
		if (!vfs_mount("fuzz", "/", NULL)) {
			vfs_walk("/", 64 * 1024, &st);
			vfs_umount("/");
		}
		rbd_destroy("fuzz");
	}
	free(buf);
	return 0;
}
