/*
 * The `chardev list` command: the registered character devices.
 */
#include <stdio.h>
#include <vmm/chardev.h>
#include <vmm/cmd.h>
#include <vmm/console.h>

static void print_chardev(struct chardev *cd, void *arg)
{
	(void)arg;
	printf(" %-39s %-10s %s\n", cd->name, cd->rx_irq ? "irq" : "polled",
	       cd == console_get_device() ? "console" : "");
}

static int chardev_list(int argc, char **argv)
{
	static const char ruler[] =
		"-------------------------------------------------------------------------------\n";

	(void)argc;
	(void)argv;
	printf("%s", ruler);
	printf(" %-39s %-10s %s\n", "Name", "Input", "Use");
	printf("%s", ruler);
	chardev_for_each(print_chardev, NULL);
	printf("%s", ruler);
	return 0;
}

static const struct vmm_subcmd chardev_subcmds[] = {
	{ "list", 0, 0, chardev_list, NULL },
};

VMM_CMD(chardev_cmd) = {
	.name = "chardev",
	.desc = "character device commands",
	VMM_SUBCMDS(chardev_subcmds),
};
