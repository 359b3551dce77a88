/*
 * The "net" command: lists the switch policies, lists, creates and
 * destroys virtual switches, and lists the network ports with their
 * switch, MAC and frame counters (core/vio/netswitch.c).  "net switch create"
 * prints "Created <name> switch"; "net switch destroy" refuses a switch
 * that still has ports attached (destroy or detach the guests first).
 * Failures print one line naming the switch and the reason.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/netswitch.h>

#define RULER	"-------------------------------------------------------------------------------"

static int net_policy_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s\n %-16s %s\n%s\n", RULER, "Policy", "Description", RULER);
	vmm_table_foreach(const struct netswitch_policy, vmm_net_policies, p)
		printf(" %-16s %s\n", p->name, p->desc);
	printf("%s\n", RULER);
	return 0;
}

static int net_switch_list(int argc, char **argv)
{
	struct netswitch_info *v;
	int n = netswitch_snapshot(&v);

	(void)argc;
	(void)argv;
	if (n < 0)
		return n;
	printf("%s\n %-16s %-16s %s\n%s\n", RULER, "Switch", "Policy", "Ports", RULER);
	for (int i = 0; i < n; i++)
		printf(" %-16s %-16s %u\n", v[i].name, v[i].policy, v[i].ports);
	printf("%s\n", RULER);
	free(v);
	return 0;
}

static int net_port_list(int argc, char **argv)
{
	struct netport_info *v;
	int n = netport_snapshot(&v);

	(void)argc;
	(void)argv;
	if (n < 0)
		return n;
	printf("%s\n %-24s %-12s %-17s %8s %8s %8s\n%s\n", RULER, "Port", "Switch", "MAC",
	       "TX", "RX", "Dropped", RULER);
	for (int i = 0; i < n; i++) {
		const uint8_t *m = v[i].mac;

		printf(" %-24s %-12s %02x:%02x:%02x:%02x:%02x:%02x %8llu %8llu %8llu\n",
		       v[i].name, v[i].switch_name[0] ? v[i].switch_name : "-", m[0], m[1], m[2],
		       m[3], m[4], m[5], (unsigned long long)v[i].tx_frames,
		       (unsigned long long)v[i].rx_frames, (unsigned long long)v[i].rx_dropped);
	}
	printf("%s\n", RULER);
	free(v);
	return 0;
}

static int net_switch_create(int argc, char **argv)
{
	int rc = netswitch_create(argv[3], argv[4], argc - 5, argv + 5);

	if (rc == -ENOENT)
		printf("Failed to create %s switch: unknown policy %s\n", argv[4], argv[3]);
	else if (rc)
		printf("Failed to create %s switch: %s\n", argv[4], strerror(-rc));
	else
		printf("Created %s switch\n", argv[4]);
	return rc;
}

static int net_switch_destroy(int argc, char **argv)
{
	const char *name = argv[3];
	int rc = netswitch_destroy(name);

	(void)argc;
	if (rc == -EBUSY)
		printf("Failed to destroy %s switch: ports attached\n", name);
	else if (rc)
		printf("Failed to destroy %s switch: %s\n", name, strerror(-rc));
	else
		printf("Destroyed %s switch\n", name);
	return rc;
}

static const struct vmm_subcmd net_subcmds[] = {
	{ "policy list", 0, 0, net_policy_list, NULL },
	{ "switch list", 0, 0, net_switch_list, NULL },
	{ "switch create", 2, VMM_CMD_MAX_ARGS, net_switch_create, "<policy> <name> [<args>...]" },
	{ "switch destroy", 1, 1, net_switch_destroy, "<name>" },
	{ "port list", 0, 0, net_port_list, NULL },
};

VMM_CMD(cmd_net) = {
	.name = "net",
	.desc = "network switch and port commands",
	VMM_SUBCMDS(net_subcmds),
};
