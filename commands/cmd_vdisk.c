/*
 * The `vdisk` command: list the virtual disks of guests, show one, and
 * attach a host block device to one or detach it (the guest sees a
 * capacity change).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/vdisk.h>

#define RULER	"--------------------------------------------------------------------------------"

static void print_row(struct vdisk *vd, void *arg)
{
	struct vdisk_info info;

	(void)arg;
	vdisk_get_info(vd, &info);
	printf(" %-36s %-6u %-14llu %s\n", vdisk_name(vd), VDISK_SECTOR_SIZE,
	       (unsigned long long)info.sectors, info.bdev[0] ? info.bdev : "---");
}

static int vdisk_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s\n", RULER);
	printf(" %-36s %-6s %-14s %s\n", "Name", "Blk Sz", "Blk Cnt", "Block Device");
	printf("%s\n", RULER);
	vdisk_for_each(print_row, NULL);
	printf("%s\n", RULER);
	return 0;
}

static struct vdisk *find_vdisk(const char *name)
{
	struct vdisk *vd = vdisk_find(name);

	if (!vd)
		printf("Failed to find virtual disk %s\n", name);
	return vd;
}

static int vdisk_info_cmd(int argc, char **argv)
{
	struct vdisk *vd = find_vdisk(argv[2]);
	struct vdisk_info info;

	(void)argc;
	if (!vd)
		return -ENODEV;
	vdisk_get_info(vd, &info);
	printf("Name         : %s\n", vdisk_name(vd));
	printf("Block Size   : %u\n", VDISK_SECTOR_SIZE);
	printf("Block Count  : %llu\n", (unsigned long long)info.sectors);
	printf("Block Device : %s\n", info.bdev[0] ? info.bdev : "---");
	printf("Access       : %s\n", !info.bdev[0] ? "---" :
	       info.readonly ? "Read-Only" : "Read-Write");
	return 0;
}

static int vdisk_attach_cmd(int argc, char **argv)
{
	struct vdisk *vd = find_vdisk(argv[2]);
	const char *bdev = argv[3];
	int rc;

	(void)argc;
	if (!vd)
		return -ENODEV;
	rc = vdisk_attach(vd, bdev);
	if (rc == -ENODEV)
		printf("Failed to find block device %s\n", bdev);
	else if (rc)
		printf("Failed to attach %s to %s\n", bdev, vdisk_name(vd));
	return rc;
}

static int vdisk_detach_cmd(int argc, char **argv)
{
	struct vdisk *vd = find_vdisk(argv[2]);
	int rc;

	(void)argc;
	if (!vd)
		return -ENODEV;
	rc = vdisk_detach(vd);
	if (rc)
		printf("No block device attached to %s\n", vdisk_name(vd));
	return rc;
}

static const struct vmm_subcmd vdisk_subcmds[] = {
	{ "list", 0, 0, vdisk_list, NULL },
	{ "info", 1, 1, vdisk_info_cmd, "<vdisk_name>" },
	{ "detach", 1, 1, vdisk_detach_cmd, "<vdisk_name>" },
	{ "attach", 2, 2, vdisk_attach_cmd, "<vdisk_name> <blockdev_name>" },
};

VMM_CMD(cmd_vdisk) = {
	.name = "vdisk",
	.desc = "virtual disk commands",
	VMM_SUBCMDS(vdisk_subcmds),
};
