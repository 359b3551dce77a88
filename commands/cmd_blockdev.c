/*
 * The "blockdev" command: list the registered block devices, show one, or
 * hex-dump a byte range of one ("dump8", 512 bytes from offset 0 unless
 * told otherwise).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/blockdev.h>
#include <vmm/cmd.h>

#define RULER		"-------------------------------------------------------------------------------"
#define DUMP_MAX	(64 * 1024)

static int blockdev_list(int argc, char **argv)
{
	int n = blockdev_count();

	(void)argc;
	(void)argv;
	printf("%s\n", RULER);
	printf(" %-16s %-8s %-6s %-12s %s\n", "Name", "Access", "Blk Sz", "Blk Cnt",
	       "Description");
	printf("%s\n", RULER);
	for (int i = 0; i < n; i++) {
		struct blockdev *d = blockdev_get(i);

		if (!d)
			break;
		printf(" %-16s %-8s %-6lu %-12llu %s\n", d->name,
		       d->readonly || !d->write ? "RO" : "RW",
		       (unsigned long)d->block_size, (unsigned long long)d->block_count,
		       d->desc ? d->desc : "");
	}
	printf("%s\n", RULER);
	return 0;
}

static struct blockdev *find_or_complain(const char *name)
{
	struct blockdev *d = blockdev_find(name);

	if (!d)
		printf("Failed to find block device %s\n", name);
	return d;
}

static int blockdev_info(int argc, char **argv)
{
	struct blockdev *d = find_or_complain(argv[2]);

	(void)argc;
	if (!d)
		return -ENODEV;
	printf("Name        : %s\n", d->name);
	printf("Description : %s\n", d->desc ? d->desc : "");
	printf("Access      : %s\n", d->readonly || !d->write ? "Read-Only" : "Read-Write");
	printf("Block Size  : %lu\n", (unsigned long)d->block_size);
	printf("Block Count : %llu\n", (unsigned long long)d->block_count);
	printf("Size        : %llu bytes\n", (unsigned long long)blockdev_size(d));
	return 0;
}

static int blockdev_dump8(int argc, char **argv)
{
	unsigned long len = 512, off = 0;
	struct blockdev *d = find_or_complain(argv[2]);
	uint8_t *buf;
	int rc;

	if (!d)
		return -ENODEV;
	if ((argc > 3 && vmm_cmd_parse_ulong(argv[3], &len)) ||
	    (argc > 4 && vmm_cmd_parse_ulong(argv[4], &off)))
		return -EINVAL;
	if (off >= blockdev_size(d))
		return -EINVAL;
	if (len > blockdev_size(d) - off)
		len = blockdev_size(d) - off;
	if (len > DUMP_MAX)
		len = DUMP_MAX;
	buf = malloc(len ? len : 1);
	if (!buf)
		return -ENOMEM;
	rc = blockdev_read_bytes(d, off, buf, len);
	for (unsigned long i = 0; !rc && i < len; i++) {
		if (i % 16 == 0)
			printf("%s%08lx:", i ? "\n" : "", off + i);
		printf(" %02x", buf[i]);
	}
	if (!rc && len)
		printf("\n");
	free(buf);
	return rc;
}

static const struct vmm_subcmd blockdev_subcmds[] = {
	{ "list", 0, 0, blockdev_list, "                     - list block devices" },
	{ "info", 1, 1, blockdev_info, "<name>               - show one block device" },
	{ "dump8", 1, 3, blockdev_dump8, "<name> [<len>] [<off>] - hex dump bytes (512 at 0)" },
};

VMM_CMD(cmd_blockdev) = {
	.name = "blockdev",
	.desc = "block device commands",
	VMM_SUBCMDS(blockdev_subcmds),
};
