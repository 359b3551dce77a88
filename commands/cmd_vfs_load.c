/*
 * "vfs" subcommands that load files somewhere: host_load / host_load_list
 * (into host physical memory, identity mapped), fdt_load / guest_fdt_load
 * (a DTB into the live device tree), and guest_load / guest_load_list
 * (into guest memory; refused until guests exist, but the list is parsed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/cmd.h>
#include <vmm/devtree.h>
#include <vmm/loadlist.h>
#include <vmm/vfs.h>
#include "cmd_vfs.h"

#define DTB_MAX		(32 * 1024)
#define READ_CHUNK	(1024 * 1024)

/*
 * Copy bytes (0 = up to the end) of the file at path, starting at off, to
 * dst; *done gets the byte count.
 */
static int load_to_memory(const char *path, void *dst, uint64_t off, uint64_t bytes,
			  uint64_t *done)
{
	struct vfs_file *f;
	struct vfs_stat st;
	int rc = vfs_open(path, &f);

	*done = 0;
	if (rc)
		return rc;
	vfs_fstat(f, &st);
	if (off > st.size) {
		vfs_close(f);
		return -EINVAL;
	}
	if (!bytes || bytes > st.size - off)
		bytes = st.size - off;
	while (*done < bytes) {
		uint64_t want = bytes - *done;
		ssize_t n = vfs_pread(f, off + *done, (char *)dst + *done,
				      want > READ_CHUNK ? READ_CHUNK : want);

		if (n <= 0) {
			rc = n ? (int)n : -EIO;
			break;
		}
		*done += n;
	}
	vfs_close(f);
	return rc;
}

static int parse_args(char **args, int n, unsigned long *out)
{
	for (int i = 0; i < n; i++) {
		if (vmm_cmd_parse_ulong(args[i], &out[i])) {
			printf("Invalid number %s\n", args[i]);
			return -EINVAL;
		}
	}
	return 0;
}

int cmd_vfs_host_load(int argc, char **argv)
{
	unsigned long v[3] = { 0, 0, 0 };	/* pa, off, bytes */
	uint64_t done;
	int rc;

	rc = parse_args(argv + 2, 1, v);
	if (!rc)
		rc = parse_args(argv + 4, argc - 4, v + 1);
	if (rc)
		return rc;
	rc = load_to_memory(argv[3], (void *)(uintptr_t)v[0], v[1], v[2], &done);
	if (rc)
		printf("Failed to load %s (error %d)\n", argv[3], rc);
	else
		printf("Loaded 0x%016lX with %llu bytes\n", v[0], (unsigned long long)done);
	return rc;
}

/* Read and parse a list file; prints its own errors. */
static int read_list(const char *path, struct loadlist_entry **ents, int *count)
{
	size_t len;
	char *buf;
	int rc = vfs_read_file(path, LOADLIST_MAX_BYTES - 1, &buf, &len);

	if (!rc) {
		rc = loadlist_parse(path, buf, len, ents, count);
		free(buf);
	}
	if (rc)
		printf("Failed to parse %s (error %d)\n", path, rc);
	return rc;
}

int cmd_vfs_host_load_list(int argc, char **argv)
{
	struct loadlist_entry *ents;
	int count, rc;

	(void)argc;
	printf("host: Parsing %s\n", argv[2]);
	rc = read_list(argv[2], &ents, &count);
	if (rc)
		return rc;
	for (int i = 0; !rc && i < count; i++) {
		uint64_t done;

		printf("host: Loading 0x%016llX with file %s\n",
		       (unsigned long long)ents[i].addr, ents[i].path);
		rc = load_to_memory(ents[i].path, (void *)(uintptr_t)ents[i].addr, 0, 0,
				    &done);
		if (rc)
			printf("host: error %d\n", rc);
		else
			printf("host: Loaded 0x%016llX with %llu bytes\n",
			       (unsigned long long)ents[i].addr, (unsigned long long)done);
	}
	free(ents);
	return rc;
}

/* Read a DTB file: non-empty and at most DTB_MAX bytes. */
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

static int no_guests(const char *guest)
{
	printf("%s: guests are not supported yet\n", guest);
	return -ENOSYS;
}

int cmd_vfs_guest_load(int argc, char **argv)
{
	unsigned long v[3];

	if (parse_args(argv + 3, 1, v) || parse_args(argv + 5, argc - 5, v + 1))
		return -EINVAL;
	return no_guests(argv[2]);
}

int cmd_vfs_guest_load_list(int argc, char **argv)
{
	struct loadlist_entry *ents;
	int count, rc;

	(void)argc;
	printf("%s: Parsing %s\n", argv[2], argv[3]);
	rc = read_list(argv[3], &ents, &count);
	if (rc)
		return rc;
	free(ents);
	return no_guests(argv[2]);
}
