/*
 * The `chardev list` command: the registered character devices.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/chardev.h>
#include <vmm/cmd.h>
#include <vmm/console.h>

static void chardev_usage(void)
{
	printf("Usage:\n");
	printf("   chardev help\n");
	printf("   chardev list\n");
}

static void print_chardev(struct chardev *cd, void *arg)
{
	(void)arg;
	printf(" %-39s %-10s %s\n", cd->name, cd->rx_irq ? "irq" : "polled",
	       cd == console_get_device() ? "console" : "");
}

static int chardev_exec(int argc, char **argv)
{
	static const char ruler[] =
		"-------------------------------------------------------------------------------\n";

	if (argc == 2 && !strcmp(argv[1], "list")) {
		printf("%s", ruler);
		printf(" %-39s %-10s %s\n", "Name", "Input", "Use");
		printf("%s", ruler);
		chardev_for_each(print_chardev, NULL);
		printf("%s", ruler);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "help")) {
		chardev_usage();
		return 0;
	}
	chardev_usage();
	return -EINVAL;
}

VMM_CMD(chardev_cmd) = {
	.name = "chardev",
	.desc = "character device commands",
	.usage = chardev_usage,
	.exec = chardev_exec,
};
