/*
 * The `reset` and `shutdown` commands for the whole host; both sync the
 * mounted filesystems first.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/arch_host.h>
#include <vmm/cmd.h>
#include <vmm/vfs.h>

static void reset_usage(void)
{
	printf("Usage:\n   reset\n");
}

static void shutdown_usage(void)
{
	printf("Usage:\n   shutdown\n");
}

static int reset_exec(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		reset_usage();
		return -EINVAL;
	}
	if (vfs_sync_all())
		printf("Warning: some filesystems could not be synced\n");
	printf("Resetting the host ...\n");
	arch_system_reset();
}

static int shutdown_exec(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		shutdown_usage();
		return -EINVAL;
	}
	if (vfs_sync_all())
		printf("Warning: some filesystems could not be synced\n");
	printf("Shutting down the host ...\n");
	arch_system_shutdown();
}

VMM_CMD(reset_cmd) = {
	.name = "reset",
	.desc = "reset the host",
	.usage = reset_usage,
	.exec = reset_exec,
};
VMM_CMD(shutdown_cmd) = {
	.name = "shutdown",
	.desc = "shut down the host",
	.usage = shutdown_usage,
	.exec = shutdown_exec,
};
