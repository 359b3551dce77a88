/*
 * Unit tests of the devtree command: the node show/dump tree formats, the
 * attribute value shapes, attr set for every type, node add/copy/del, and
 * the one-line errors and usage on bad input.
 */
#include <errno.h>
#include <string.h>
#include <vmm/cmd.h>
#include "unit.h"
#include "capture.h"
#include "devtree_util.h"

/* Run "devtree <args>" (a space separated copy) and capture its output. */
static const char *run(const char *args, int *rc)
{
	char line[256], *argv[VMM_CMD_MAX_ARGS], *tok;
	const struct vmm_cmd *cmd = vmm_cmd_find("devtree");
	int argc = 0;

	snprintf(line, sizeof(line), "devtree %s", args);
	for (tok = strtok(line, " "); tok && argc < VMM_CMD_MAX_ARGS; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	capture_begin();
	*rc = cmd ? vmm_cmd_run(cmd, argc, argv) : -ENOSYS;
	return capture_end();
}

static void load_guest(void)
{
	static char *ovr[] = { "mem0,physical_size,physsize,0x10000000" };
	size_t len;
	void *dtb = dt_test_load("virt64-guest.dtb", &len);

	dt_test_reset();
	CHECK_EQ(devtree_guest_fdt_load("guest0", dtb, len, 2, 1, ovr), 0);
	free(dtb);
}

UNIT_TEST(node_show_guest)
{
	int rc;

	load_guest();
	CHECK_STR(run("node show /guests/guest0", &rc),
		  "guest0 {\n"
		  "\taliases;\n"
		  "\tvcpu_template;\n"
		  "\taspace {\n"
		  "\t\tnor_flash0;\n\t\tplic;\n\t\tuart0;\n\t\tvminfo;\n\t\tsimplefb;\n"
		  "\t\trtc;\n\t\tvirtio-net0;\n\t\tvirtio-blk0;\n\t\tvirtio-con0;\n"
		  "\t\tvirtio-rpmsg0;\n\t\tvirtio-input0;\n\t\tvirtio-rng0;\n\t\tvideomem;\n"
		  "\t\tshmem;\n"
		  "\t\tmem0;\n"
		  "\t};\n"
		  "\tvcpus {\n"
		  "\t\tvcpu0;\n"
		  "\t\tvcpu1;\n"
		  "\t};\n"
		  "};\n");
	CHECK_EQ(rc, 0);
	CHECK_STR(run("node show /guests/guest0/aspace/uart0", &rc), "uart0;\n");
}

UNIT_TEST(node_dump_and_value_shapes)
{
	int rc;

	load_guest();
	CHECK_STR(run("node dump /guests/guest0/vcpus/vcpu1", &rc),
		  "vcpu1 {\n"
		  "\tdevice_type = \"vcpu\";\n"
		  "\tcompatible = \"riscv,generic\";\n"
		  "\triscv,isa = \"rv64imafdchv_sstc\";\n"
		  "\tstart_pc = <0x0>;\n"
		  "\tpoweroff;\n"
		  "};\n");
	CHECK_STR(run("node dump /soc", &rc),
		  "soc {\n"
		  "\tblob = [01 02 03];\n"
		  "\tcells = <0x1 0x2 0x3>;\n"
		  "\tlist = \"a\", \"bc\";\n"
		  "\tempty;\n"
		  "};\n");
	CHECK_STR(run("attr get /guests/guest0/aspace/mem0 physical_size", &rc),
		  "physical_size = <0x0 0x10000000>;\n");
	CHECK_EQ(rc, 0);
	CHECK_STR(run("attr show /guests/guest0/vcpus/vcpu0", &rc),
		  "device_type = \"vcpu\";\n"
		  "compatible = \"riscv,generic\";\n"
		  "riscv,isa = \"rv64imafdchv_sstc\";\n"
		  "start_pc = <0x0>;\n");
}

UNIT_TEST(attr_set_types)
{
	uint64_t v64;
	int rc, len;
	const char *p;

	load_guest();
	run("attr set /soc s string hello world", &rc);
	CHECK_EQ(rc, 0);
	CHECK_STR(run("attr get /soc s", &rc), "s = \"hello\", \"world\";\n");
	run("attr set /soc q string a\"b\\c", &rc);
	CHECK_STR(run("attr get /soc q", &rc), "q = \"a\\\"b\\\\c\";\n");
	run("attr set /soc b bytes 1 0x2 255", &rc);
	CHECK_STR(run("attr get /soc b", &rc), "b = [01 02 ff];\n");
	run("attr set /soc u uint32 10 0x20", &rc);
	CHECK_STR(run("attr get /soc u", &rc), "u = <0xa 0x20>;\n");
	run("attr set /guests/guest0/aspace/mem0 physical_size physsize 0x20000000", &rc);
	CHECK_EQ(rc, 0);
	CHECK_EQ(devtree_path_read_u64("/guests/guest0/aspace/mem0", "physical_size", &v64), 0);
	CHECK_EQ(v64, 0x20000000);
	run("attr set /soc flag unknown x", &rc);
	CHECK_EQ(rc, 0);
	p = devtree_read_prop(devtree_path_offset("/soc"), "flag", &len);
	CHECK(p != NULL && len == 0);
	CHECK_STR(run("attr get /soc flag", &rc), "flag;\n");
	CHECK_STR(run("attr set /soc x float 1", &rc), "Error: unknown attribute type float\n");
	CHECK_EQ(rc, -EINVAL);
	CHECK_STR(run("attr set /soc x uint32 0x100000000", &rc),
		  "Error: invalid uint32 value\n");
	CHECK_EQ(rc, -ERANGE);
	run("attr del /soc u", &rc);
	CHECK_EQ(rc, 0);
	CHECK_STR(run("attr get /soc u", &rc), "Error: attribute u not found in /soc\n");
	CHECK_EQ(rc, -ENOENT);
	CHECK_STR(run("attr del /soc u", &rc), "Error: attribute u not found in /soc\n");
	CHECK_EQ(rc, -ENOENT);
}

UNIT_TEST(node_add_copy_del)
{
	int rc;

	load_guest();
	run("node add /soc a", &rc);
	CHECK_EQ(rc, 0);
	run("node copy /soc/a v /guests/guest0/vcpu_template", &rc);
	CHECK_EQ(rc, 0);
	CHECK_STR(run("node show /soc", &rc), "soc {\n\ta {\n\t\tv;\n\t};\n};\n");
	CHECK_STR(devtree_path_read_string("/soc/a/v", "riscv,isa"), "rv64imafdchv_sstc");
	CHECK_STR(run("node add /soc a", &rc), "Error: node /soc/a already exists\n");
	CHECK_EQ(rc, -EEXIST);
	CHECK_STR(run("node add / soc", &rc), "Error: node /soc already exists\n");
	CHECK_STR(run("node add /soc x/y", &rc), "Error: invalid node name x/y\n");
	CHECK_STR(run("node copy /soc b /nope", &rc), "Error: node /nope not found\n");
	CHECK_EQ(rc, -ENOENT);
	run("node del /soc/a", &rc);
	CHECK_EQ(rc, 0);
	CHECK_STR(run("node show /soc", &rc), "soc;\n");
	CHECK_STR(run("node del /", &rc), "Error: cannot delete the root node\n");
	CHECK_EQ(rc, -EINVAL);
}

UNIT_TEST(errors_and_usage)
{
	int rc;

	dt_test_reset();
	CHECK_STR(run("node show /foo", &rc), "Error: node /foo not found\n");
	CHECK_EQ(rc, -ENOENT);
	CHECK_STR(run("node show foo", &rc), "Error: path foo is not absolute\n");
	CHECK_EQ(rc, -EINVAL);
	CHECK(strstr(run("node show", &rc), "Usage:\n") != NULL);
	CHECK_EQ(rc, -EINVAL);
	CHECK(strstr(run("attr frob /soc", &rc), "devtree node copy") != NULL);
	CHECK_EQ(rc, -EINVAL);
	CHECK(strstr(run("attr set /soc x string", &rc), "Usage:\n") != NULL);
	CHECK_EQ(rc, -EINVAL);
	CHECK(strstr(run("help", &rc), "Usage:\n") != NULL);
	CHECK_EQ(rc, 0);
	CHECK(strstr(run("", &rc), "Usage:\n") != NULL);
	CHECK_EQ(rc, -EINVAL);
	CHECK(!strncmp(run("node show /", &rc), "/ {\n\tchosen;\n\tcpus {\n", 20));
}

UNIT_MAIN();
