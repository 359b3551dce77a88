/*
 * The "vfs" command: its subcommand table, plus the mount-table
 * subcommands (fslist, mplist, mount, umount) and the namespace-changing
 * ones (rm, mkdir, rmdir, mv); file writing is in cmd_vfs_write.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/vfs.h>
#include "cmd_vfs.h"

#define RULER		"-------------------------------------------------------------------------------"

static int vfs_fslist(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s\n %-16s %s\n%s\n", RULER, "Name", "Try order", RULER);
	for (int i = 0; i < vfs_fs_count(); i++)
		printf(" %-16s %d\n", vfs_fs_get(i)->name, i);
	printf("%s\n", RULER);
	return 0;
}

static int vfs_mplist(int argc, char **argv)
{
	struct vfs_mount_info mi;

	(void)argc;
	(void)argv;
	printf("%s\n %-32s %-16s %s\n%s\n", RULER, "Path", "Block Device", "Filesystem",
	       RULER);
	for (int i = 0; !vfs_mount_get(i, &mi); i++)
		printf(" %-32s %-16s %s\n", mi.path, mi.bdev, mi.fs);
	printf("%s\n", RULER);
	return 0;
}

static int vfs_cmd_mount(int argc, char **argv)
{
	unsigned long wait_s = 0;
	const char *fs = NULL;
	int rc;

	if (argc > 4 && vmm_cmd_parse_ulong(argv[4], &wait_s))
		return -EINVAL;
	if (!blockdev_wait(argv[2], wait_s)) {
		printf("Block device %s not found\n", argv[2]);
		return -ENODEV;
	}
	printf("Trying:");
	for (int i = 0; i < vfs_fs_count(); i++)
		printf(" %s", vfs_fs_get(i)->name);
	printf("\n");
	rc = vfs_mount(argv[2], argv[3], &fs);
	if (rc == -ENODEV)
		printf("Failed to mount %s at %s: no known filesystem on it (error %d)\n",
		       argv[2], argv[3], rc);
	else if (rc)
		printf("Failed to mount %s at %s (error %d)\n", argv[2], argv[3], rc);
	else
		printf("Mounted %s using %s at %s\n", argv[2], fs, argv[3]);
	return rc;
}

static int vfs_cmd_umount(int argc, char **argv)
{
	int rc = vfs_umount(argv[2]);

	(void)argc;
	if (rc)
		printf("Failed to unmount %s (error %d)\n", argv[2], rc);
	else
		printf("Unmounted %s\n", argv[2]);
	return rc;
}

static int report_write(const char *path, int rc)
{
	if (rc == -EROFS)
		printf("%s: read-only filesystem\n", path);
	else if (rc)
		printf("%s: %s (error %d)\n", path, strerror(-rc), rc);
	return rc;
}

static int vfs_cmd_rm(int argc, char **argv)
{
	(void)argc;
	return report_write(argv[2], vfs_unlink(argv[2]));
}

static int vfs_cmd_mkdir(int argc, char **argv)
{
	(void)argc;
	return report_write(argv[2], vfs_mkdir(argv[2]));
}

static int vfs_cmd_rmdir(int argc, char **argv)
{
	(void)argc;
	return report_write(argv[2], vfs_rmdir(argv[2]));
}

static int vfs_cmd_mv(int argc, char **argv)
{
	(void)argc;
	return report_write(argv[2], vfs_rename(argv[2], argv[3]));
}

static int vfs_module_load(int argc, char **argv)
{
	(void)argc;
	printf("%s: loadable modules are not supported\n", argv[2]);
	return -ENOSYS;
}

static const struct vmm_subcmd vfs_subcmds[] = {
	{ "fslist", 0, 0, vfs_fslist, NULL },
	{ "mplist", 0, 0, vfs_mplist, NULL },
	{ "mount", 2, 3, vfs_cmd_mount, "<bdev> <path> [<wait_s>]" },
	{ "umount", 1, 1, vfs_cmd_umount, "<path>" },
	{ "ls", 1, 1, cmd_vfs_ls, "<dir>" },
	{ "cat", 1, 1, cmd_vfs_cat, "<path>" },
	{ "md5", 1, 1, cmd_vfs_md5, "<path>" },
	{ "sha256", 1, 1, cmd_vfs_sha256, "<path>" },
	{ "rm", 1, 1, vfs_cmd_rm, "<path>" },
	{ "mkdir", 1, 1, vfs_cmd_mkdir, "<path>" },
	{ "rmdir", 1, 1, vfs_cmd_rmdir, "<path>" },
	{ "run", 1, 1, cmd_vfs_run, "<path>" },
	{ "module_load", 1, 1, vfs_module_load, "<path>" },
	{ "mv", 2, 2, vfs_cmd_mv, "<old> <new>" },
	{ "cp", 2, 2, cmd_vfs_cp, "<src> <dst>" },
	{ "write", 1, VMM_CMD_MAX_ARGS, cmd_vfs_write, "<path> [<words>...]" },
	{ "truncate", 2, 2, cmd_vfs_truncate, "<path> <size>" },
	{ "sync", 0, 0, cmd_vfs_sync, NULL },
	{ "fdt_load", 3, VMM_CMD_MAX_ARGS, cmd_vfs_fdt_load,
	  "<dt_path> <root_name> <dtb> [<ovr>...]" },
	{ "guest_fdt_load", 3, VMM_CMD_MAX_ARGS, cmd_vfs_guest_fdt_load,
	  "<guest> <dtb> <vcpus> [<ovr>...]" },
	{ "host_load", 2, 4, cmd_vfs_host_load, "<pa> <file> [<off>] [<bytes>]" },
	{ "host_load_list", 1, 1, cmd_vfs_host_load_list, "<list>" },
	{ "guest_load", 3, 5, cmd_vfs_guest_load, "<guest> <gpa> <file> [<off>] [<bytes>]" },
	{ "guest_load_list", 2, 2, cmd_vfs_guest_load_list, "<guest> <list>" },
};

VMM_CMD(cmd_vfs) = {
	.name = "vfs",
	.desc = "virtual file system commands",
	VMM_SUBCMDS(vfs_subcmds),
	.note = "   (an override is <alias>,<attr>,<type>,<value>)\n",
};
