/*
 * The "help" command: with no argument it lists every registered command
 * as "%-12s - <description>", sorted by name; with names it prints each
 * named command's line followed by its usage, and fails on an unknown name.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/cmd.h>

static void help_line(const struct vmm_cmd *cmd)
{
	printf("%-12s - %s\n", cmd->name, cmd->desc ? cmd->desc : "");
}

static void cmd_help_usage(void)
{
	printf("Usage:\n");
	printf("   help              - list all commands\n");
	printf("   help <cmd> [...]  - show the usage of the named commands\n");
}

static int help_all(void)
{
	const struct vmm_cmd **list;
	int i, n;

	n = vmm_cmd_sorted(&list);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		help_line(list[i]);
	free(list);
	return 0;
}

static int cmd_help_exec(int argc, char **argv)
{
	const struct vmm_cmd *cmd;
	int i;

	if (argc < 2)
		return help_all();
	for (i = 1; i < argc; i++) {
		cmd = vmm_cmd_find(argv[i]);
		if (!cmd) {
			printf("help: unknown command %s\n", argv[i]);
			return -ENOENT;
		}
		help_line(cmd);
		vmm_cmd_usage(cmd);
	}
	return 0;
}

VMM_CMD(cmd_help) = {
	.name = "help",
	.desc = "displays list of all commands",
	.usage = cmd_help_usage,
	.exec = cmd_help_exec,
};
