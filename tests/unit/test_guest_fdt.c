/*
 * Unit tests of guest configuration loading: the virt64 guest tree with
 * the demo overrides, vcpu cloning and poweroff removal, override error
 * handling, and the error paths that must leave nothing behind (existing
 * guest, zero vcpus, missing template, existing vcpus, malformed DTB).
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include "unit.h"
#include "capture.h"
#include "devtree_util.h"

static char *demo_ovr[] = {
	"mem0,physical_size,physsize,0x10000000",
	"net0,switch,string,br0",
	"shmem0,shared_mem,string,default",
};

static void *guest_dtb(size_t *len)
{
	return dt_test_load("virt64-guest.dtb", len);
}

UNIT_TEST(demo_guest_load)
{
	size_t len;
	void *dtb = guest_dtb(&len);
	const char *out;
	uint64_t size;
	int len0, g, child, n = 0;
	const char *names[8];

	dt_test_reset();
	capture_begin();
	CHECK_EQ(devtree_guest_fdt_load("guest0", dtb, len, 2, 3, demo_ovr), 0);
	out = capture_end();
	CHECK_STR(out, "");
	CHECK_EQ(devtree_path_read_u64("/guests/guest0/aspace/mem0", "physical_size", &size), 0);
	CHECK_EQ(size, 0x10000000);
	devtree_read_prop(devtree_path_offset("/guests/guest0/aspace/mem0"), "physical_size",
			  &len0);
	CHECK_EQ(len0, 8);
	CHECK_STR(devtree_path_read_string("/guests/guest0/aspace/virtio-net0", "switch"), "br0");
	CHECK_STR(devtree_path_read_string("/guests/guest0/aspace/shmem", "shared_mem"),
		  "default");
	/* vcpus is the last child, vcpu0 and vcpu1 are template copies in order */
	g = devtree_path_offset("/guests/guest0");
	devtree_for_each_child(child, g)
		names[n++ < 8 ? n - 1 : 7] = devtree_node_name(child);
	CHECK_EQ(n, 4);
	CHECK_STR(names[3], "vcpus");
	CHECK_EQ(devtree_child_count(devtree_path_offset("/guests/guest0/vcpus")), 2);
	CHECK_STR(devtree_node_name(devtree_first_child(devtree_path_offset(
			  "/guests/guest0/vcpus"))), "vcpu0");
	CHECK_STR(devtree_path_read_string("/guests/guest0/vcpus/vcpu1", "riscv,isa"),
		  "rv64imafdchv_sstc");
	CHECK(!devtree_has_prop(devtree_path_offset("/guests/guest0/vcpus/vcpu0"), "poweroff"));
	CHECK(devtree_has_prop(devtree_path_offset("/guests/guest0/vcpus/vcpu1"), "poweroff"));
	CHECK(devtree_has_prop(devtree_path_offset("/guests/guest0/vcpu_template"), "poweroff"));
	CHECK_STR(devtree_path_read_string("/guests/guest0/vcpus/vcpu0", "compatible"),
		  "riscv,generic");
	free(dtb);
}

UNIT_TEST(second_guest_and_existing_guest)
{
	size_t len;
	void *dtb = guest_dtb(&len);
	const char *out;
	int before, child;

	dt_test_reset();
	CHECK_EQ(devtree_guest_fdt_load("guest0", dtb, len, 1, 0, NULL), 0);
	CHECK_EQ(devtree_guest_fdt_load("guest1", dtb, len, 4, 0, NULL), 0);
	child = devtree_first_child(devtree_path_offset("/guests"));
	CHECK_STR(devtree_node_name(child), "guest0");
	CHECK_STR(devtree_node_name(devtree_next_child(child)), "guest1");
	CHECK_EQ(devtree_child_count(devtree_path_offset("/guests/guest1/vcpus")), 4);
	CHECK(devtree_has_prop(devtree_path_offset("/guests/guest1/vcpus/vcpu3"), "poweroff"));
	before = devtree_node_count(0);
	capture_begin();
	CHECK_EQ(devtree_guest_fdt_load("guest0", dtb, len, 2, 3, demo_ovr), -EEXIST);
	out = capture_end();
	CHECK_STR(out, "Devtree path /guests/guest0 already exist.\n");
	CHECK_EQ(devtree_node_count(0), before);
	CHECK_EQ(devtree_child_count(devtree_path_offset("/guests/guest0/vcpus")), 1);
	free(dtb);
}

UNIT_TEST(errors_leave_nothing_behind)
{
	size_t len;
	uint8_t *dtb = guest_dtb(&len);
	void *notmpl, *hasvcpus;
	size_t nlen, hlen;
	const char *out;
	int before;

	dt_test_reset();
	before = devtree_node_count(0);
	capture_begin();
	CHECK_EQ(devtree_guest_fdt_load("g", dtb, len, 0, 0, NULL), -EINVAL);
	out = capture_end();
	CHECK(strstr(out, "Error:") == out);
	notmpl = dt_test_load("guest-notemplate.dtb", &nlen);
	capture_begin();
	CHECK_EQ(devtree_guest_fdt_load("g", notmpl, nlen, 1, 0, NULL), -ENOENT);
	out = capture_end();
	CHECK_STR(out, "Error: /guests/g/vcpu_template not found\n");
	hasvcpus = dt_test_load("guest-hasvcpus.dtb", &hlen);
	capture_begin();
	CHECK_EQ(devtree_guest_fdt_load("g", hasvcpus, hlen, 1, 0, NULL), -EEXIST);
	out = capture_end();
	CHECK(strstr(out, "/guests/g/vcpus already exists") != NULL);
	dtb[1] ^= 0x55;
	capture_begin();
	CHECK_EQ(devtree_guest_fdt_load("g", dtb, len, 1, 0, NULL), -EINVAL);
	out = capture_end();
	CHECK_STR(out, "Error: invalid device tree blob (FDT_ERR_BADMAGIC)\n");
	dtb[1] ^= 0x55;
	capture_begin();
	CHECK_EQ(devtree_guest_fdt_load("g", dtb, len / 2, 1, 0, NULL), -EINVAL);
	CHECK_EQ(devtree_guest_fdt_load("a/b", dtb, len, 1, 0, NULL), -EINVAL);
	CHECK_EQ(devtree_guest_fdt_load("g", dtb, len, DEVTREE_MAX_VCPUS + 1, 0, NULL), -EINVAL);
	capture_end();
	CHECK_EQ(devtree_path_offset("/guests/g"), -ENOENT);
	CHECK_EQ(devtree_node_count(0), before);
	free(notmpl);
	free(hasvcpus);
	free(dtb);
}

UNIT_TEST(override_errors_are_not_fatal)
{
	static char *ovr[] = {
		"mem0,physical_size",				/* too few fields: silent */
		"nosuch,x,string,y",				/* unknown alias */
		"mem0,physical_size,float,1",			/* unknown type */
		"mem0,align_order,uint32,zz",			/* bad number */
		"net0,switch,string,a,b",			/* value keeps commas */
		"disk0,blkdev,bytes,0x41",			/* one byte */
		"disk0,virtio_type,uint32,0x20",		/* one cell */
		"mem0,device_type,unknown,xyz",			/* writes nothing */
		"mem0,physical_size,physsize,0x20000000",	/* still applied */
	};
	size_t len;
	void *dtb = guest_dtb(&len);
	const char *out, *p;
	uint64_t size;
	uint32_t v;
	int plen;

	dt_test_reset();
	capture_begin();
	CHECK_EQ(devtree_guest_fdt_load("guest0", dtb, len, 1, 9, ovr), 0);
	out = capture_end();
	CHECK_STR(out, "Error: alias nosuch not found in /guests/guest0/aliases\n"
		       "Error: unknown attribute type float\n"
		       "Error: invalid uint32 value zz\n");
	CHECK_STR(devtree_path_read_string("/guests/guest0/aspace/virtio-net0", "switch"), "a,b");
	p = devtree_read_prop(devtree_path_offset("/guests/guest0/aspace/virtio-blk0"), "blkdev",
			      &plen);
	CHECK(p && plen == 1 && p[0] == 'A');
	CHECK_EQ(devtree_path_read_u32("/guests/guest0/aspace/virtio-blk0", "virtio_type", &v), 0);
	CHECK_EQ(v, 0x20);
	CHECK_STR(devtree_path_read_string("/guests/guest0/aspace/mem0", "device_type"),
		  "alloced_ram");
	CHECK_EQ(devtree_path_read_u64("/guests/guest0/aspace/mem0", "physical_size", &size), 0);
	CHECK_EQ(size, 0x20000000);
	CHECK_EQ(devtree_path_read_u32("/guests/guest0/aspace/mem0", "align_order", &v), 0);
	CHECK_EQ(v, 21);
	free(dtb);
}

UNIT_TEST(fdt_load_under_any_parent)
{
	static char *ovr[] = { "gone,x,uint32,1", "mem0,physical_size,physsize,0x1000" };
	size_t len;
	void *dtb = dt_test_load("guest-notemplate.dtb", &len);
	const char *out;
	uint64_t size;

	dt_test_reset();
	capture_begin();
	CHECK_EQ(devtree_fdt_load("/soc", "cfg", dtb, len, 2, ovr), 0);
	CHECK_EQ(devtree_fdt_load("/", "cfg", dtb, len, 0, NULL), 0);
	CHECK_EQ(devtree_fdt_load("/nope", "cfg", dtb, len, 0, NULL), -ENOENT);
	CHECK_EQ(devtree_fdt_load("/soc", "cfg", dtb, len, 0, NULL), -EEXIST);
	out = capture_end();
	CHECK_STR(out, "Error: node /soc/cfg/aspace/gone not found\n"
		       "Error: node /nope not found\n"
		       "Devtree path /soc/cfg already exist.\n");
	CHECK_EQ(devtree_path_read_u64("/soc/cfg/aspace/mem0", "physical_size", &size), 0);
	CHECK_EQ(size, 0x1000);
	CHECK_EQ(devtree_path_read_u64("/cfg/aspace/mem0", "physical_size", &size), 0);
	CHECK_EQ(size, 0);
	CHECK_STR(devtree_path_read_string("/cfg", "device_type"), "guest");
	CHECK(devtree_path_offset("/cfg/vcpus") == -ENOENT);
	free(dtb);
}

UNIT_MAIN();
