/*
 * "vfs fdt_load" and "vfs guest_fdt_load": read a DTB file (non-empty, at
 * most 32 KiB) and hand it with its overrides to the device tree.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/cmd.h>
#include <vmm/devtree.h>
#include <vmm/vfs.h>
#include "cmd_vfs.h"

#define DTB_MAX		(32 * 1024)

static int read_dtb(const char *path, char **buf, size_t *len)
{
	int rc = vfs_read_file(path, DTB_MAX, buf, len);

	if (!rc && !*len) {
		free(*buf);
		rc = -EINVAL;
	}
	if (rc)
		printf("Failed to read DTB %s (error %d)\n", path, rc);
	return rc;
}

int cmd_vfs_fdt_load(int argc, char **argv)
{
	size_t len;
	char *dtb;
	int rc = read_dtb(argv[4], &dtb, &len);

	if (rc)
		return rc;
	rc = devtree_fdt_load(argv[2], argv[3], dtb, len, argc - 5, argv + 5);
	free(dtb);
	return rc;
}

int cmd_vfs_guest_fdt_load(int argc, char **argv)
{
	unsigned long vcpus;
	size_t len;
	char *dtb;
	int rc;

	if (vmm_cmd_parse_ulong(argv[4], &vcpus) || !vcpus) {
		printf("Invalid vCPU count %s\n", argv[4]);
		return -EINVAL;
	}
	rc = read_dtb(argv[3], &dtb, &len);
	if (rc)
		return rc;
	rc = devtree_guest_fdt_load(argv[2], dtb, len, vcpus, argc - 5, argv + 5);
	free(dtb);
	return rc;
}
