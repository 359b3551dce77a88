/*
 * The "shmem" command: lists, creates and destroys named shared memory
 * objects (core/mm/shmem.c).  "shmem create" prints
 * "Created <name> shared memory"; failures print one line naming the
 * object and the reason.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/shmem.h>

#define RULER	"-------------------------------------------------------------------------------"

static int shmem_cmd_list(int argc, char **argv)
{
	unsigned int n = shmem_list(NULL, 0), got;
	struct shmem_info *v = calloc(n ? n : 1, sizeof(*v));

	(void)argc;
	(void)argv;
	if (!v)
		return -ENOMEM;
	got = shmem_list(v, n);
	if (got < n)
		n = got;
	printf("%s\n %-16s %-18s %-18s %-11s %s\n%s\n", RULER, "Name", "Physical address",
	       "Size", "Align order", "Ref count", RULER);
	for (unsigned int i = 0; i < n; i++)
		printf(" %-16s 0x%016llx 0x%016llx %-11u %u\n", v[i].name,
		       (unsigned long long)v[i].phys, (unsigned long long)v[i].size,
		       v[i].align_order, v[i].refcount);
	printf("%s\n", RULER);
	free(v);
	return 0;
}

static int shmem_cmd_create(int argc, char **argv)
{
	unsigned long size, order = SHMEM_DEFAULT_ALIGN;
	int rc;

	if (vmm_cmd_parse_ulong(argv[3], &size) ||
	    (argc > 4 && vmm_cmd_parse_ulong(argv[4], &order))) {
		printf("Invalid size or align order\n");
		return -EINVAL;
	}
	rc = shmem_create(argv[2], size, order > 255 ? 255 : (unsigned int)order);
	if (rc)
		printf("Failed to create %s shared memory: %s\n", argv[2], strerror(-rc));
	else
		printf("Created %s shared memory\n", argv[2]);
	return rc;
}

static int shmem_cmd_destroy(int argc, char **argv)
{
	const char *name = argv[2];
	int rc = shmem_destroy(name);

	(void)argc;
	if (rc)
		printf("Failed to destroy %s shared memory: %s\n", name, strerror(-rc));
	else
		printf("Destroyed %s shared memory\n", name);
	return rc;
}

static const struct vmm_subcmd shmem_subcmds[] = {
	{ "list", 0, 0, shmem_cmd_list, NULL },
	{ "create", 2, 3, shmem_cmd_create, "<name> <size> [<align_order>]" },
	{ "destroy", 1, 1, shmem_cmd_destroy, "<name>" },
};

VMM_CMD(cmd_shmem) = {
	.name = "shmem",
	.desc = "shared memory commands",
	VMM_SUBCMDS(shmem_subcmds),
};
