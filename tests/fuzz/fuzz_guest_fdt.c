/*
 * libFuzzer entry for guest configuration loading: any input must either
 * load as /guests/f (and is then removed) or be refused, and in both cases
 * the live tree must afterwards be a valid FDT with its old node count.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <libfdt.h>
#include <vmm/devtree.h>

static char *fuzz_ovr[] = {
	"mem0,physical_size,physsize,0x10000000",
	"net0,switch,string,br0",
	"shmem0,shared_mem,string,default",
	"disk0,blkdev,bytes,1",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char empty[256];
	static int before = -1;
	const void *live;

	if (before < 0) {
		if (!freopen("/dev/null", "w", stdout) ||
		    fdt_create_empty_tree(empty, sizeof(empty)) || devtree_init(empty))
			abort();
		before = devtree_node_count(0);
	}
	if (!devtree_guest_fdt_load("f", data, size, 2, 4, fuzz_ovr)) {
		devtree_node_count(devtree_path_offset("/guests/f"));
		if (devtree_del_node("/guests/f"))
			abort();
	}
	live = devtree_blob();
	if (devtree_node_count(0) != before || devtree_check_blob(live, fdt_totalsize(live)))
		abort();
	return 0;
}
