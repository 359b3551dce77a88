/*
 * The `stdio` command: which character device is the hypervisor console,
 * switching it, and the log level setting.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/chardev.h>
#include <vmm/cmd.h>
#include <vmm/console.h>

static unsigned long log_level = 6;

static void stdio_usage(void)
{
	printf("Usage:\n");
	printf("   stdio help\n");
	printf("   stdio device\n");
	printf("   stdio loglevel\n");
	printf("   stdio change_device <chardev>\n");
	printf("   stdio change_loglevel <level>\n");
}

static int stdio_exec(int argc, char **argv)
{
	struct chardev *cd;

	if (argc == 2 && !strcmp(argv[1], "device")) {
		cd = console_get_device();
		printf("%s\n", cd ? cd->name : "(early console)");
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "loglevel")) {
		printf("%lu\n", log_level);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "change_device")) {
		cd = chardev_find(argv[2]);
		if (!cd) {
			printf("Error: no character device named %s\n", argv[2]);
			return -ENODEV;
		}
		console_set_device(cd);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "change_loglevel")) {
		if (vmm_cmd_parse_ulong(argv[2], &log_level) || log_level > 7) {
			printf("Error: log level must be 0..7\n");
			return -EINVAL;
		}
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "help")) {
		stdio_usage();
		return 0;
	}
	stdio_usage();
	return -EINVAL;
}

VMM_CMD(stdio_cmd) = {
	.name = "stdio",
	.desc = "standard I/O commands",
	.usage = stdio_usage,
	.exec = stdio_exec,
};
