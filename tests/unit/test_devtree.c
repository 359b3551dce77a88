/*
 * Unit tests of the live device tree: initialisation from a host tree,
 * typed readers (one- and two-cell 64-bit values), property and node
 * edits (order, deep copy, graft, delete), growth, blob validation and
 * attribute encoding.
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include "unit.h"
#include "devtree_util.h"

static int child_names(const char *path, char *out, size_t size)
{
	int node = devtree_path_offset(path), child, n = 0;

	out[0] = '\0';
	devtree_for_each_child(child, node) {
		if (n++)
			strncat(out, ",", size - strlen(out) - 1);
		strncat(out, devtree_node_name(child), size - strlen(out) - 1);
	}
	return n;
}

/* Names of node's properties in order, comma separated. */
static void prop_names(const char *path, char *out, size_t size)
{
	const void *fdt = devtree_blob();
	int node = devtree_path_offset(path), p;
	const char *name;

	out[0] = '\0';
	fdt_for_each_property_offset(p, fdt, node) {
		fdt_getprop_by_offset(fdt, p, &name, NULL);
		if (out[0])
			strncat(out, ",", size - strlen(out) - 1);
		strncat(out, name, size - strlen(out) - 1);
	}
}

UNIT_TEST(init_and_host_readers)
{
	uint64_t start = 0, end = 0;

	CHECK_EQ(dt_test_reset(), 0);
	CHECK(devtree_path_offset("/guests") > 0);
	CHECK_STR(devtree_path_read_string("/", "model"), "unit-host");
	CHECK_STR(devtree_chosen_bootargs(), "vmm.bootcmd=\"vfs mount initrd /\"");
	CHECK_EQ(devtree_chosen_initrd(&start, &end), 0);
	CHECK_EQ(start, 0x88200000);
	CHECK_EQ(end, 0x8a200000);
	CHECK_EQ(fdt_num_mem_rsv(devtree_blob()), 1);
	CHECK_EQ(devtree_init(NULL), -EINVAL);
	CHECK_EQ(devtree_init("not a tree, not a tree, not a tree, not a tree"), -EINVAL);
}

static int record_cpu(int node, uint64_t hartid, void *arg)
{
	uint64_t *ids = arg;

	CHECK(devtree_node_name(node) != NULL);
	ids[ids[0]++ + 1] = hartid;
	return 0;
}

UNIT_TEST(cpu_walk_skips_disabled)
{
	uint64_t ids[8] = { 0 };

	dt_test_reset();
	CHECK_EQ(devtree_for_each_cpu(record_cpu, ids), 2);
	CHECK_EQ(ids[0], 2);
	CHECK_EQ(ids[1], 0);
	CHECK_EQ(ids[2], 2);
}

UNIT_TEST(typed_readers)
{
	int soc, chosen, mem;
	uint32_t v32, cells[8];
	uint64_t v64;

	dt_test_reset();
	soc = devtree_path_offset("/soc");
	chosen = devtree_path_offset("/chosen");
	mem = devtree_path_offset("/memory@80000000");
	CHECK(soc > 0 && chosen > 0 && mem > 0);
	CHECK_EQ(devtree_path_offset("soc"), -EINVAL);
	CHECK_EQ(devtree_path_offset("/nope"), -ENOENT);
	CHECK_EQ(devtree_path_read_u32("/cpus", "timebase-frequency", &v32), 0);
	CHECK_EQ(v32, 10000000);
	CHECK_EQ(devtree_read_u32(chosen, "linux,initrd-end", &v32), -EINVAL);
	CHECK_EQ(devtree_read_u32(chosen, "missing", &v32), -ENOENT);
	CHECK_EQ(devtree_read_u64(chosen, "linux,initrd-start", &v64), 0);
	CHECK_EQ(v64, 0x88200000);
	CHECK_EQ(devtree_read_u64(mem, "reg", &v64), -EINVAL);
	CHECK_EQ(devtree_read_u32_array(mem, "reg", cells, 2), 4);
	CHECK_EQ(cells[1], 0x80000000u);
	CHECK_EQ(devtree_read_u32_array(soc, "cells", cells, 8), 3);
	CHECK_EQ(cells[2], 3);
	CHECK_EQ(devtree_read_u32_array(soc, "blob", cells, 8), -EINVAL);
	CHECK_STR(devtree_read_string_index(soc, "list", 1), "bc");
	CHECK(devtree_read_string_index(soc, "list", 2) == NULL);
	CHECK(devtree_read_string(soc, "blob") == NULL);
	CHECK(devtree_has_prop(soc, "empty"));
	CHECK(!devtree_has_prop(soc, "nothing"));
	CHECK_EQ(devtree_child_count(devtree_path_offset("/cpus")), 3);
	CHECK_EQ(devtree_subnode(devtree_path_offset("/cpus"), "cpu@2") > 0, 1);
	CHECK_EQ(devtree_subnode(soc, "x"), -ENOENT);
}

UNIT_TEST(set_and_delete_properties)
{
	char names[256];
	uint64_t v64;
	uint32_t v32;

	dt_test_reset();
	CHECK_EQ(devtree_set_prop_u32("/soc", "newone", 7), 0);
	CHECK_EQ(devtree_set_prop_string("/soc", "label", "hello"), 0);
	prop_names("/soc", names, sizeof(names));
	CHECK_STR(names, "blob,cells,list,empty,newone,label");
	CHECK_EQ(devtree_set_prop_u64("/soc", "cells", 0x123456789aULL), 0);
	prop_names("/soc", names, sizeof(names));
	CHECK_STR(names, "blob,cells,list,empty,newone,label");
	CHECK_EQ(devtree_path_read_u64("/soc", "cells", &v64), 0);
	CHECK_EQ(v64, 0x123456789aULL);
	CHECK_EQ(devtree_path_read_u32("/soc", "newone", &v32), 0);
	CHECK_EQ(v32, 7);
	CHECK_EQ(devtree_set_prop("/soc", "flag", NULL, 0), 0);
	CHECK(devtree_has_prop(devtree_path_offset("/soc"), "flag"));
	CHECK_EQ(devtree_del_prop("/soc", "label"), 0);
	CHECK(devtree_path_read_string("/soc", "label") == NULL);
	CHECK_EQ(devtree_del_prop("/soc", "label"), -ENOENT);
	CHECK_EQ(devtree_set_prop("/nope", "x", "a", 1), -ENOENT);
	CHECK_EQ(devtree_set_prop("/soc", "", "a", 1), -EINVAL);
	CHECK_EQ(fdt_num_mem_rsv(devtree_blob()), 1);
}

UNIT_TEST(add_and_delete_nodes_keep_order)
{
	char names[256];

	dt_test_reset();
	CHECK_EQ(devtree_add_node("/soc", "a"), 0);
	CHECK_EQ(devtree_add_node("/soc", "b"), 0);
	CHECK_EQ(devtree_add_node("/soc/", "c"), 0);
	CHECK_EQ(child_names("/soc", names, sizeof(names)), 3);
	CHECK_STR(names, "a,b,c");
	CHECK_EQ(devtree_add_node("/soc", "b"), -EEXIST);
	CHECK_EQ(devtree_add_node("/soc", "x/y"), -EINVAL);
	CHECK_EQ(devtree_add_node("/soc", ""), -EINVAL);
	CHECK_EQ(devtree_add_node("/missing", "x"), -ENOENT);
	CHECK_EQ(devtree_del_node("/soc/b"), 0);
	child_names("/soc", names, sizeof(names));
	CHECK_STR(names, "a,c");
	CHECK_EQ(devtree_del_node("/soc/b"), -ENOENT);
	CHECK_EQ(devtree_del_node("/"), -EINVAL);
	CHECK(devtree_path_read_string("/soc", "list") != NULL);
	child_names("/", names, sizeof(names));
	CHECK_STR(names, "chosen,cpus,memory@80000000,soc,guests");
}

UNIT_TEST(copy_node_is_deep)
{
	int before;
	uint32_t v;

	dt_test_reset();
	before = devtree_node_count(0);
	CHECK_EQ(devtree_copy_node("/cpus", "/soc", "cpus2"), 0);
	CHECK_EQ(devtree_node_count(devtree_path_offset("/soc/cpus2")), 4);
	CHECK_EQ(devtree_path_read_u32("/soc/cpus2/cpu@2", "reg", &v), 0);
	CHECK_EQ(v, 2);
	CHECK_STR(devtree_path_read_string("/soc/cpus2/cpu@0", "riscv,isa"), "rv64imafdch");
	/* the copy is independent of its source */
	CHECK_EQ(devtree_set_prop_u32("/soc/cpus2/cpu@2", "reg", 9), 0);
	CHECK_EQ(devtree_path_read_u32("/cpus/cpu@2", "reg", &v), 0);
	CHECK_EQ(v, 2);
	/* copying an ancestor under its own descendant copies the old tree once */
	before = devtree_node_count(0);
	CHECK_EQ(devtree_copy_node("/", "/soc/cpus2", "all"), 0);
	CHECK_EQ(devtree_node_count(0), 2 * before);
	CHECK_EQ(devtree_copy_node("/cpus", "/soc", "cpus2"), -EEXIST);
	CHECK_EQ(devtree_copy_node("/nope", "/soc", "z"), -ENOENT);
}

UNIT_TEST(graft_blob_and_reject_malformed)
{
	size_t len;
	uint8_t *dtb = dt_test_load("virt64-guest.dtb", &len);
	uint64_t v;
	int before;

	dt_test_reset();
	CHECK_EQ(devtree_graft_blob("/guests", "g", dtb, len), 0);
	CHECK_STR(devtree_path_read_string("/guests/g", "device_type"), "guest");
	CHECK_EQ(devtree_path_read_u64("/guests/g/aspace/mem0", "guest_physical_addr", &v), 0);
	CHECK_EQ(v, 0x80000000);
	CHECK_STR(devtree_path_read_string("/guests/g/aliases", "mem0"), "/aspace/mem0");
	CHECK_EQ(devtree_graft_blob("/guests", "g", dtb, len), -EEXIST);
	before = devtree_node_count(0);
	CHECK_EQ(devtree_graft_blob("/guests", "h", dtb, len - 8), -EINVAL);
	dtb[0] ^= 0xff;
	CHECK_EQ(devtree_graft_blob("/guests", "h", dtb, len), -EINVAL);
	CHECK_EQ(devtree_node_count(0), before);
	CHECK_EQ(devtree_path_offset("/guests/h"), -ENOENT);
	free(dtb);
}

UNIT_TEST(check_blob_names_the_problem)
{
	size_t len;
	uint8_t *dtb = dt_test_load("virt64-guest.dtb", &len);
	uint32_t off_struct = fdt_off_dt_struct(dtb);

	CHECK_EQ(devtree_check_blob(dtb, len), 0);
	CHECK_EQ(devtree_check_blob(dtb, 10), -FDT_ERR_TRUNCATED);
	CHECK_EQ(devtree_check_blob(dtb, len - 1), -FDT_ERR_TRUNCATED);
	/* the first tag must open the root node */
	dtb[off_struct + 3] = FDT_PROP;
	CHECK(devtree_check_blob(dtb, len) < 0);
	dtb[off_struct + 3] = FDT_BEGIN_NODE;
	/* an unknown tag just after the root's name */
	dtb[off_struct + 11] = 0x7f;
	CHECK_EQ(devtree_check_blob(dtb, len), -FDT_ERR_BADSTRUCTURE);
	dtb[off_struct + 11] = FDT_PROP;
	CHECK_EQ(devtree_check_blob(dtb, len), 0);
	/* a property name outside the strings block */
	dtb[off_struct + 19] = 0xff;
	dtb[off_struct + 18] = 0xff;
	CHECK(devtree_check_blob(dtb, len) < 0);
	dtb[0] = 0;
	CHECK_EQ(devtree_check_blob(dtb, len), -FDT_ERR_BADMAGIC);
	free(dtb);
}

UNIT_TEST(tree_grows_on_demand)
{
	static uint8_t big[100000];
	char name[32];
	size_t size0;
	uint32_t v;
	int i, len;

	dt_test_reset();
	size0 = fdt_totalsize(devtree_blob());
	for (i = 0; i < 1500; i++) {
		snprintf(name, sizeof(name), "prop%d", i);
		CHECK_EQ(devtree_set_prop_u32("/soc", name, i), 0);
	}
	memset(big, 0xa5, sizeof(big));
	CHECK_EQ(devtree_set_prop("/soc", "cells", big, sizeof(big)), 0);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		CHECK_EQ(devtree_add_node("/guests", name), 0);
		CHECK_EQ(devtree_set_prop("/guests/n0", name, big, 2048), 0);
	}
	CHECK(fdt_totalsize(devtree_blob()) > size0 + sizeof(big));
	CHECK_EQ(devtree_path_read_u32("/soc", "prop1499", &v), 0);
	CHECK_EQ(v, 1499);
	CHECK(devtree_read_prop(devtree_path_offset("/soc"), "cells", &len) != NULL);
	CHECK_EQ(len, sizeof(big));
	CHECK_EQ(devtree_child_count(devtree_path_offset("/guests")), 40);
	CHECK_EQ(devtree_check_blob(devtree_blob(), fdt_totalsize(devtree_blob())), 0);
}

UNIT_TEST(attr_encoding)
{
	char *strs[] = { "ab", "c" }, *nums[] = { "0x10", "010", "7" }, *big[] = { "0x100" };
	char *wide[] = { "0x123456789" }, *bad[] = { "12z" }, *neg[] = { "-1" };
	uint8_t *d;
	void *data;
	int len;

	CHECK_EQ(devtree_attr_type_parse("physsize"), DEVTREE_ATTR_PHYSSIZE);
	CHECK_EQ(devtree_attr_type_parse("unknown"), DEVTREE_ATTR_UNKNOWN);
	CHECK_EQ(devtree_attr_type_parse("float"), -EINVAL);
	CHECK_EQ(devtree_attr_encode(DEVTREE_ATTR_STRING, strs, 2, &data, &len), 0);
	CHECK_EQ(len, 5);
	CHECK(!memcmp(data, "ab\0c\0", 5));
	free(data);
	CHECK_EQ(devtree_attr_encode(DEVTREE_ATTR_UINT32, nums, 3, &data, &len), 0);
	d = data;
	CHECK_EQ(len, 12);
	CHECK(d[3] == 0x10 && d[7] == 8 && d[11] == 7 && d[0] == 0);
	free(data);
	CHECK_EQ(devtree_attr_encode(DEVTREE_ATTR_BYTES, nums, 3, &data, &len), 0);
	CHECK_EQ(len, 3);
	CHECK(!memcmp(data, "\x10\x08\x07", 3));
	free(data);
	CHECK_EQ(devtree_attr_encode(DEVTREE_ATTR_VIRTADDR, wide, 1, &data, &len), 0);
	CHECK_EQ(len, 8);
	CHECK(!memcmp(data, "\0\0\0\x01\x23\x45\x67\x89", 8));
	free(data);
	CHECK_EQ(devtree_attr_encode(DEVTREE_ATTR_UNKNOWN, nums, 3, &data, &len), 0);
	CHECK_EQ(len, 0);
	CHECK(data == NULL);
	CHECK_EQ(devtree_attr_encode(DEVTREE_ATTR_BYTES, big, 1, &data, &len), -ERANGE);
	CHECK_EQ(devtree_attr_encode(DEVTREE_ATTR_UINT32, wide, 1, &data, &len), -ERANGE);
	CHECK_EQ(devtree_attr_encode(DEVTREE_ATTR_UINT64, bad, 1, &data, &len), -EINVAL);
	CHECK_EQ(devtree_attr_encode(DEVTREE_ATTR_UINT64, neg, 1, &data, &len), -EINVAL);
}

UNIT_MAIN();
