/*
 * The `version` command: prints the banner line.
 */
#include <vmm/cmd.h>
#include <vmm/version.h>

static int version_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	vmm_print_banner();
	return 0;
}

static const struct vmm_subcmd version_subcmds[] = {
	{ "", 0, 0, version_exec, NULL },
};

VMM_CMD(version_cmd) = {
	.name = "version",
	.desc = "show version of hypervisor",
	VMM_SUBCMDS(version_subcmds),
};
