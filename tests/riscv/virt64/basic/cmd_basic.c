/*
 * The general firmware commands: help, hi, hello, version, hexdump, copy,
 * go and reset.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "basic.h"

#define SRST_COLD_REBOOT	1
#define SRST_NO_REASON		0

/* The command whose name follows @prev alphabetically (NULL: the first). */
static const struct basic_cmd *cmd_next_sorted(const struct basic_cmd *prev)
{
	const struct basic_cmd *cmd, *best = NULL;

	for (cmd = __basic_cmds_start; cmd < __basic_cmds_end; cmd++) {
		if (prev && strcmp(cmd->name, prev->name) <= 0)
			continue;
		if (!best || strcmp(cmd->name, best->name) < 0)
			best = cmd;
	}
	return best;
}

static int cmd_help(int argc, char **argv)
{
	const struct basic_cmd *cmd = NULL;

	(void)argc;
	(void)argv;
	while ((cmd = cmd_next_sorted(cmd)))
		printf("%s%s%s\n    %s\n", cmd->name, *cmd->usage ? " " : "", cmd->usage,
		       cmd->desc);
	return 0;
}
BASIC_CMD(cmd_help_def, "help", "", "List the commands", cmd_help);

static int cmd_hi(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("hello\n");
	return 0;
}
BASIC_CMD(cmd_hi_def, "hi", "", "Say hello", cmd_hi);

static int cmd_hello(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("hi\n");
	return 0;
}
BASIC_CMD(cmd_hello_def, "hello", "", "Say hi", cmd_hello);

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("RISC-V Virt64 Basic Firmware version 1.0\n");
	return 0;
}
BASIC_CMD(cmd_version_def, "version", "", "Show the firmware version", cmd_version);

static int cmd_hexdump(int argc, char **argv)
{
	uint64_t addr, count, i, j;
	const volatile uint8_t *p;

	if (argc != 3 || basic_arg_hex(argv, 1, &addr) || basic_arg_hex(argv, 2, &count))
		return -EINVAL;
	p = (const volatile uint8_t *)(uintptr_t)addr;
	for (i = 0; i < count; i += 16) {
		printf("%08llx:", (unsigned long long)(addr + i));
		for (j = i; j < i + 16 && j < count; j++)
			printf(" %02x", p[j]);
		printf("\n");
	}
	return 0;
}
BASIC_CMD(cmd_hexdump_def, "hexdump", "<addr> <count>", "Dump memory bytes (hex arguments)",
	  cmd_hexdump);

static int cmd_copy(int argc, char **argv)
{
	uint64_t dst, src, count, start;

	if (argc != 4 || basic_arg_hex(argv, 1, &dst) || basic_arg_hex(argv, 2, &src) ||
	    basic_arg_hex(argv, 3, &count))
		return -EINVAL;
	start = timer_now();
	memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, count);
	printf("copy took %llu usecs for %llu bytes\n",
	       (unsigned long long)timer_usecs(timer_now() - start), (unsigned long long)count);
	return 0;
}
BASIC_CMD(cmd_copy_def, "copy", "<dst> <src> <count>", "Copy memory (hex arguments)", cmd_copy);

static int cmd_go(int argc, char **argv)
{
	void (*entry)(unsigned long hartid, unsigned long arg);
	uint64_t addr;

	if (argc != 2 || basic_arg_hex(argv, 1, &addr))
		return -EINVAL;
	entry = (void (*)(unsigned long, unsigned long))(uintptr_t)addr;
	entry(basic_boot_hartid, 0);
	return 0;
}
BASIC_CMD(cmd_go_def, "go", "<addr>", "Call code at addr with a0 = hartid", cmd_go);

static int cmd_reset(int argc, char **argv)
{
	long err;

	(void)argc;
	(void)argv;
	printf("System reset ...\n");
	err = sbi_system_reset(SRST_COLD_REBOOT, SRST_NO_REASON);
	printf("System reset failed (SBI error %ld)\n", err);
	return -EIO;
}
BASIC_CMD(cmd_reset_def, "reset", "", "Reset the system through SBI SRST", cmd_reset);
