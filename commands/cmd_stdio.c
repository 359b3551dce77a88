/*
 * The `stdio` command: which character device is the hypervisor console,
 * switching it, and the log level setting.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/chardev.h>
#include <vmm/cmd.h>
#include <vmm/console.h>

static unsigned long log_level = 6;

static int stdio_device(int argc, char **argv)
{
	struct chardev *cd = console_get_device();

	(void)argc;
	(void)argv;
	printf("%s\n", cd ? cd->name : "(early console)");
	return 0;
}

static int stdio_loglevel(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%lu\n", log_level);
	return 0;
}

static int stdio_change_device(int argc, char **argv)
{
	struct chardev *cd = chardev_find(argv[2]);

	(void)argc;
	if (!cd) {
		printf("Error: no character device named %s\n", argv[2]);
		return -ENODEV;
	}
	console_set_device(cd);
	return 0;
}

static int stdio_change_loglevel(int argc, char **argv)
{
	unsigned long level;

	(void)argc;
	if (vmm_cmd_parse_ulong(argv[2], &level) || level > 7) {
		printf("Error: log level must be 0..7\n");
		return -EINVAL;
	}
	log_level = level;
	return 0;
}

static const struct vmm_subcmd stdio_subcmds[] = {
	{ "device", 0, 0, stdio_device, NULL },
	{ "loglevel", 0, 0, stdio_loglevel, NULL },
	{ "change_device", 1, 1, stdio_change_device, "<chardev>" },
	{ "change_loglevel", 1, 1, stdio_change_loglevel, "<level>" },
};

VMM_CMD(stdio_cmd) = {
	.name = "stdio",
	.desc = "standard I/O commands",
	VMM_SUBCMDS(stdio_subcmds),
};
