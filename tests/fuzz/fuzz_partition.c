/*
 * libFuzzer entry point for the partition-table parser: the input is a
 * RAM disk (zero-padded to whole sectors); each partition reported must
 * lie inside the disk.  Crashes, hangs and sanitizer reports are bugs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/partition.h>
#include <vmm/rbd.h>

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

static int found(void *arg, unsigned int n, uint64_t start, uint64_t count, const char *kind)
{
	struct blockdev *disk = arg;

	(void)n;
	(void)kind;
	if (!count || start >= disk->block_count || count > disk->block_count - start)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t padded = (size + 511) & ~(size_t)511;
	uint8_t *buf;

	if (!size || size > (1 << 20))
		return 0;
	buf = calloc(1, padded);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (!rbd_create("fz", (uintptr_t)buf, padded)) {
		struct blockdev *disk = blockdev_find("fz");

		partition_parse(disk, found, disk);
		rbd_destroy("fz");
	}
	free(buf);
	return 0;
}
