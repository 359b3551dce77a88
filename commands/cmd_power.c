/*
 * The `reset` and `shutdown` commands for the whole host; both sync the
 * mounted filesystems first.
 */
#include <stdio.h>
#include <vmm/arch_host.h>
#include <vmm/cmd.h>
#include <vmm/vfs.h>

static int reset_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (vfs_sync_all())
		printf("Warning: some filesystems could not be synced\n");
	printf("Resetting the host ...\n");
	arch_system_reset();
}

static int shutdown_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (vfs_sync_all())
		printf("Warning: some filesystems could not be synced\n");
	printf("Shutting down the host ...\n");
	arch_system_shutdown();
}

static const struct vmm_subcmd reset_subcmds[] = {
	{ "", 0, 0, reset_exec, NULL },
};

static const struct vmm_subcmd shutdown_subcmds[] = {
	{ "", 0, 0, shutdown_exec, NULL },
};

VMM_CMD(reset_cmd) = {
	.name = "reset",
	.desc = "reset the host",
	VMM_SUBCMDS(reset_subcmds),
};
VMM_CMD(shutdown_cmd) = {
	.name = "shutdown",
	.desc = "shut down the host",
	VMM_SUBCMDS(shutdown_subcmds),
};
