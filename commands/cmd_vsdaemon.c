/*
 * The `vsdaemon` command: list the transports and the daemons, create a
 * daemon binding a guest serial port to the management terminal (mterm)
 * or to a host character device (chardev), and destroy one
 * (core/vio/vsdaemon.c).
 */
#include <stdio.h>
#include <vmm/cmd.h>
#include <vmm/vsdaemon.h>

#define RULER	"-------------------------------------------------------------------------------"

static int transport_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s\n %s\n%s\n", RULER, "Transport", RULER);
	for (const char *const *t = vsdaemon_transports; *t; t++)
		printf(" %s\n", *t);
	printf("%s\n", RULER);
	return 0;
}

static int daemon_list(int argc, char **argv)
{
	struct vsdaemon_info in;

	(void)argc;
	(void)argv;
	printf("%s\n %-16s %-10s %-32s %s\n%s\n", RULER, "Name", "Transport", "Serial port",
	       "Device", RULER);
	for (unsigned int i = 0; !vsdaemon_get(i, &in); i++)
		printf(" %-16s %-10s %-32s %s\n", in.name, in.transport,
		       in.vserial[0] ? in.vserial : "(gone)", in.chardev[0] ? in.chardev : "-");
	printf("%s\n", RULER);
	return 0;
}

static int created(int rc, const char *name)
{
	if (!rc)
		printf("Created vsdaemon %s\n", name);
	return rc;
}

static int create_mterm(int argc, char **argv)
{
	(void)argc;
	return created(vsdaemon_create("mterm", argv[3], argv[4], NULL), argv[4]);
}

static int create_chardev(int argc, char **argv)
{
	(void)argc;
	return created(vsdaemon_create("chardev", argv[3], argv[4], argv[5]), argv[4]);
}

static int destroy(int argc, char **argv)
{
	int rc = vsdaemon_destroy(argv[2]);

	(void)argc;
	if (!rc)
		printf("Destroyed vsdaemon %s\n", argv[2]);
	return rc;
}

static const struct vmm_subcmd vsdaemon_subcmds[] = {
	{ "transport_list", 0, 0, transport_list, NULL },
	{ "list", 0, 0, daemon_list, NULL },
	{ "create mterm", 2, 2, create_mterm, "<vserial> <name>" },
	{ "create chardev", 3, 3, create_chardev, "<vserial> <name> <chardev>" },
	{ "destroy", 1, 1, destroy, "<name>" },
};

VMM_CMD(vsdaemon_cmd) = {
	.name = "vsdaemon",
	.desc = "vserial daemons: bind a guest serial port to a terminal or device",
	VMM_SUBCMDS(vsdaemon_subcmds),
};
