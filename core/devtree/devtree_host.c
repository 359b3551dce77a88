/*
 * Convenience readers of host configuration in the live tree: /chosen
 * (bootargs, initrd range) and the /cpus walk.
 */
#include <errno.h>
#include <string.h>
#include <vmm/devtree.h>

const char *devtree_chosen_bootargs(void)
{
	return devtree_path_read_string("/chosen", "bootargs");
}

int devtree_chosen_initrd(uint64_t *start, uint64_t *end)
{
	if (devtree_path_read_u64("/chosen", "linux,initrd-start", start) ||
	    devtree_path_read_u64("/chosen", "linux,initrd-end", end))
		return -ENOENT;
	return 0;
}

int devtree_for_each_cpu(int (*fn)(int node, uint64_t hartid, void *arg), void *arg)
{
	int cpus = devtree_path_offset("/cpus");
	const char *type;
	uint64_t hartid;
	int node, rc, n = 0;

	if (cpus < 0)
		return cpus;
	devtree_for_each_child(node, cpus) {
		type = devtree_read_string(node, "device_type");
		if (!type || strcmp(type, "cpu") || !devtree_node_available(node) ||
		    devtree_read_u64(node, "reg", &hartid))
			continue;
		rc = fn(node, hartid, arg);
		if (rc)
			return rc;
		n++;
	}
	return n;
}
