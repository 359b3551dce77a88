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

static void vdisk_usage(void)
{
	printf("Usage:\n");
	printf("   vdisk help\n");
	printf("   vdisk list\n");
	printf("   vdisk info <vdisk_name>\n");
	printf("   vdisk detach <vdisk_name>\n");
	printf("   vdisk attach <vdisk_name> <blockdev_name>\n");
}

static void print_row(struct vdisk *vd, void *arg)
{
	struct vdisk_info info;

	(void)arg;
	vdisk_get_info(vd, &info);
	printf(" %-36s %-6u %-14llu %s\n", vdisk_name(vd), VDISK_SECTOR_SIZE,
	       (unsigned long long)info.sectors, info.bdev[0] ? info.bdev : "---");
}

static int vdisk_list(void)
{
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

static int vdisk_info_cmd(struct vdisk *vd)
{
	struct vdisk_info info;

	vdisk_get_info(vd, &info);
	printf("Name         : %s\n", vdisk_name(vd));
	printf("Block Size   : %u\n", VDISK_SECTOR_SIZE);
	printf("Block Count  : %llu\n", (unsigned long long)info.sectors);
	printf("Block Device : %s\n", info.bdev[0] ? info.bdev : "---");
	printf("Access       : %s\n", !info.bdev[0] ? "---" :
	       info.readonly ? "Read-Only" : "Read-Write");
	return 0;
}

static int vdisk_attach_cmd(struct vdisk *vd, const char *bdev)
{
	int rc = vdisk_attach(vd, bdev);

	if (rc == -ENODEV)
		printf("Failed to find block device %s\n", bdev);
	else if (rc)
		printf("Failed to attach %s to %s\n", bdev, vdisk_name(vd));
	return rc;
}

static int vdisk_detach_cmd(struct vdisk *vd)
{
	int rc = vdisk_detach(vd);

	if (rc)
		printf("No block device attached to %s\n", vdisk_name(vd));
	return rc;
}

static int vdisk_exec(int argc, char **argv)
{
	struct vdisk *vd;

	if (argc == 2 && !strcmp(argv[1], "list"))
		return vdisk_list();
	if (argc == 2 && !strcmp(argv[1], "help")) {
		vdisk_usage();
		return 0;
	}
	if (!((argc == 3 && (!strcmp(argv[1], "info") || !strcmp(argv[1], "detach"))) ||
	      (argc == 4 && !strcmp(argv[1], "attach")))) {
		vdisk_usage();
		return -EINVAL;
	}
	vd = find_vdisk(argv[2]);
	if (!vd)
		return -ENODEV;
	if (!strcmp(argv[1], "info"))
		return vdisk_info_cmd(vd);
	if (!strcmp(argv[1], "detach"))
		return vdisk_detach_cmd(vd);
	return vdisk_attach_cmd(vd, argv[3]);
}

VMM_CMD(cmd_vdisk) = {
	.name = "vdisk",
	.desc = "virtual disk commands",
	.usage = vdisk_usage,
	.exec = vdisk_exec,
};
