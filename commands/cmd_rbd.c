/*
 * The "rbd" command: list, create and destroy RAM block devices over host
 * physical memory.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/rbd.h>

#define RULER	"-------------------------------------------------------------------------------"

static void cmd_rbd_usage(void)
{
	printf("Usage:\n");
	printf("   rbd list                      - list RAM block devices\n");
	printf("   rbd create <name> <pa> <size> - RAM disk over host memory\n");
	printf("   rbd destroy <name>            - remove a RAM disk\n");
}

static int rbd_list(void)
{
	struct rbd_info info;

	printf("%s\n", RULER);
	printf(" %-16s %-20s %-20s\n", "Name", "Physical Address", "Size");
	printf("%s\n", RULER);
	for (int i = 0; !rbd_get(i, &info); i++)
		printf(" %-16s 0x%016llx   0x%016llx\n", info.name,
		       (unsigned long long)info.pa, (unsigned long long)info.size);
	printf("%s\n", RULER);
	return 0;
}

static int rbd_cmd_create(char **argv)
{
	unsigned long pa, size;
	int rc;

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

static int rbd_cmd_destroy(const char *name)
{
	int rc = rbd_destroy(name);

	if (rc)
		printf("Failed to destroy RAM block device %s (error %d)\n", name, rc);
	else
		printf("Destroyed %s RAM block device\n", name);
	return rc;
}

static int cmd_rbd_exec(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "list"))
		return rbd_list();
	if (argc == 5 && !strcmp(argv[1], "create"))
		return rbd_cmd_create(argv);
	if (argc == 3 && !strcmp(argv[1], "destroy"))
		return rbd_cmd_destroy(argv[2]);
	cmd_rbd_usage();
	return -EINVAL;
}

VMM_CMD(cmd_rbd) = {
	.name = "rbd",
	.desc = "RAM backed block devices",
	.usage = cmd_rbd_usage,
	.exec = cmd_rbd_exec,
};
