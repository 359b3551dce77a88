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

VMM_CMD(version_cmd) = {
	.name = "version",
	.desc = "show version of hypervisor",
	.usage = version_usage,
	.exec = version_exec,
};
