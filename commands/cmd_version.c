/*
 * The `version` command: prints the banner line.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/cmd.h>
#include <vmm/version.h>

static void version_usage(void)
{
	printf("Usage:\n   version\n");
}

static int version_exec(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		version_usage();
		return -EINVAL;
	}
	vmm_print_banner();
	return 0;
}

VMM_DECLARE_CMD(version_cmd, "version", "show version of hypervisor", version_usage, version_exec);
