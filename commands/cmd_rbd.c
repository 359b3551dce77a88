/*
 * The "rbd" command: list, create and destroy RAM block devices over host
 * physical memory.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/cmd.h>
#include <vmm/rbd.h>

#define RULER	"-------------------------------------------------------------------------------"

static int rbd_list(int argc, char **argv)
{
	struct rbd_info info;

	(void)argc;
	(void)argv;
	printf("%s\n", RULER);
	printf(" %-16s %-20s %-20s\n", "Name", "Physical Address", "Size");
	printf("%s\n", RULER);
	for (int i = 0; !rbd_get(i, &info); i++)
		printf(" %-16s 0x%016llx   0x%016llx\n", info.name,
		       (unsigned long long)info.pa, (unsigned long long)info.size);
	printf("%s\n", RULER);
	return 0;
}

static int rbd_cmd_create(int argc, char **argv)
{
	unsigned long pa, size;
	int rc;

	(void)argc;
	if (vmm_cmd_parse_ulong(argv[3], &pa) || vmm_cmd_parse_ulong(argv[4], &size)) {
		printf("Invalid address or size\n");
		return -EINVAL;
	}
	rc = rbd_create(argv[2], pa, size);
	if (rc == -EFAULT)
		printf("Failed to create RAM block device %s: 0x%lx+0x%lx is not host RAM\n",
		       argv[2], pa, size);
	else if (rc)
		printf("Failed to create RAM block device %s (error %d)\n", argv[2], rc);
	else
		printf("Created %s RAM block device\n", argv[2]);
	return rc;
}

static int rbd_cmd_destroy(int argc, char **argv)
{
	const char *name = argv[2];
	int rc = rbd_destroy(name);

	(void)argc;
	if (rc)
		printf("Failed to destroy RAM block device %s (error %d)\n", name, rc);
	else
		printf("Destroyed %s RAM block device\n", name);
	return rc;
}

static const struct vmm_subcmd rbd_subcmds[] = {
	{ "list", 0, 0, rbd_list, "                     - list RAM block devices" },
	{ "create", 3, 3, rbd_cmd_create, "<name> <pa> <size> - RAM disk over host memory" },
	{ "destroy", 1, 1, rbd_cmd_destroy, "<name>            - remove a RAM disk" },
};

VMM_CMD(cmd_rbd) = {
	.name = "rbd",
	.desc = "RAM backed block devices",
	VMM_SUBCMDS(rbd_subcmds),
};
