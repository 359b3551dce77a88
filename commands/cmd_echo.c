/*
 * The "echo" command: prints its arguments separated by single spaces and
 * ends the line, so "echo  a   b" prints "a b".
 */
#include <stdio.h>
#include <vmm/cmd.h>

static void cmd_echo_usage(void)
{
	printf("Usage:\n");
	printf("   echo <words...>  - print the words and a newline\n");
}

static int cmd_echo_exec(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		printf(i > 1 ? " %s" : "%s", argv[i]);
	printf("\n");
	return 0;
}

VMM_CMD(cmd_echo) = {
	.name = "echo",
	.desc = "echo the words given",
	.usage = cmd_echo_usage,
	.exec = cmd_echo_exec,
};
