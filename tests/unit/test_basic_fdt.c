/*
 * Host tests of the virt64 basic firmware's hardware-independent code: the
 * argument tokenizer, the hex parser, the autoexec cmdlist splitter, the
 * riscv,isa builders, fdt_override_u32, fdt_print_tree and the Linux FDT
 * patcher, the latter run on the compiled virt64.dts with fake vminfo values.
 */
#include <errno.h>
#include <stdlib.h>

#include <libfdt.h>

#include "capture.h"
#include "unit.h"
#include "../riscv/virt64/basic/basic_lib.h"

extern const unsigned char virt64_dtb[];
extern const unsigned long virt64_dtb_len;

UNIT_TEST(args_split_basic)
{
	char line[] = "  copy\t0x10  20 30 ";
	char *argv[BASIC_ARGS_MAX];

	CHECK_EQ(args_split(line, argv, BASIC_ARGS_MAX), 4);
	CHECK_STR(argv[0], "copy");
	CHECK_STR(argv[1], "0x10");
	CHECK_STR(argv[2], "20");
	CHECK_STR(argv[3], "30");
}

UNIT_TEST(args_split_empty_and_limits)
{
	char blank[] = " \t ", many[128];
	char *argv[BASIC_ARGS_MAX];
	int i;

	CHECK_EQ(args_split(blank, argv, BASIC_ARGS_MAX), 0);
	many[0] = '\0';
	for (i = 0; i < BASIC_ARGS_MAX; i++)
		strcat(many, "a ");
	CHECK_EQ(args_split(many, argv, BASIC_ARGS_MAX), BASIC_ARGS_MAX);
	many[0] = '\0';
	for (i = 0; i <= BASIC_ARGS_MAX; i++)
		strcat(many, "b ");
	CHECK_EQ(args_split(many, argv, BASIC_ARGS_MAX), -E2BIG);
}

UNIT_TEST(parse_hex_values)
{
	uint64_t v = 0;

	CHECK_EQ(parse_hex("0x10", &v), 0);
	CHECK_EQ(v, 16);
	CHECK_EQ(parse_hex("10", &v), 0);
	CHECK_EQ(v, 16);
	CHECK_EQ(parse_hex("0XaBcD", &v), 0);
	CHECK_EQ(v, 0xabcd);
	CHECK_EQ(parse_hex("ffffffffffffffff", &v), 0);
	CHECK(v == UINT64_MAX);
	CHECK_EQ(parse_hex("0x80200000", &v), 0);
	CHECK_EQ(v, 0x80200000);
}

UNIT_TEST(parse_hex_errors)
{
	uint64_t v = 7;

	CHECK_EQ(parse_hex("", &v), -EINVAL);
	CHECK_EQ(parse_hex("0x", &v), -EINVAL);
	CHECK_EQ(parse_hex("12g", &v), -EINVAL);
	CHECK_EQ(parse_hex("-1", &v), -EINVAL);
	CHECK_EQ(parse_hex("10000000000000000", &v), -ERANGE);
	CHECK_EQ(v, 7);
}

UNIT_TEST(cmdlist_length)
{
	const char text[] = "copy 1 2 3\r\nstart_linux_fdt 1 2\n\0garbage";
	const char bin[] = "go 0\n\x01more";

	CHECK_EQ(cmdlist_len(text, sizeof(text)), 32);
	CHECK_EQ(cmdlist_len(bin, sizeof(bin)), 5);
	CHECK_EQ(cmdlist_len(text, 4), 4);
	CHECK_EQ(cmdlist_len("\xff", 1), 0);
}

UNIT_TEST(cmdlist_lines)
{
	char text[] = "\r\ncopy 0x80200000 0x00100000 0x1E00000\r\n\nhello\rhi";
	char *cur = text;

	CHECK_STR(cmdlist_next(&cur), "copy 0x80200000 0x00100000 0x1E00000");
	CHECK_STR(cmdlist_next(&cur), "hello");
	CHECK_STR(cmdlist_next(&cur), "hi");
	CHECK(cmdlist_next(&cur) == NULL);
	CHECK(cmdlist_next(&cur) == NULL);
}

static const struct isa_info isa_hv_sstc = {
	.vendor = true,
	.bits = ISA_EXT_BIT('i') | ISA_EXT_BIT('m') | ISA_EXT_BIT('a') | ISA_EXT_BIT('f') |
		ISA_EXT_BIT('d') | ISA_EXT_BIT('c') | ISA_EXT_BIT('v') | ISA_EXT_BIT('h') |
		(1ULL << ISA_EXT_SSTC),
};

UNIT_TEST(isa_string)
{
	struct isa_info none = { .vendor = false, .bits = ~0ULL };
	struct isa_info ima = { .vendor = true,
				.bits = ISA_EXT_BIT('a') | ISA_EXT_BIT('m') | ISA_EXT_BIT('i') };
	char buf[64];

	CHECK_EQ(isa_build_string(&isa_hv_sstc, buf, sizeof(buf)), 17);
	CHECK_STR(buf, "rv64imafdcvh_sstc");
	CHECK_EQ(isa_build_string(&none, buf, sizeof(buf)), 6);
	CHECK_STR(buf, "rv64gc");
	CHECK_EQ(isa_build_string(&ima, buf, sizeof(buf)), 7);
	CHECK_STR(buf, "rv64ima");
	CHECK_EQ(isa_build_string(&isa_hv_sstc, buf, 17), -ENOSPC);
	CHECK_EQ(isa_build_string(&isa_hv_sstc, buf, 18), 17);
}

/* Ssaia is reported only for vCPUs with an AIA interrupt file. */
UNIT_TEST(isa_ssaia)
{
	static const char aia[] = "i\0m\0a\0c\0zicntr\0zicsr\0zifencei\0ssaia\0sstc";
	struct isa_info isa = { .vendor = true,
				.bits = ISA_EXT_BIT('i') | ISA_EXT_BIT('m') | ISA_EXT_BIT('a') |
					ISA_EXT_BIT('c') | (1ULL << ISA_EXT_SSAIA) |
					(1ULL << ISA_EXT_SSTC) };
	char buf[128];

	CHECK_EQ(isa_build_string(&isa, buf, sizeof(buf)), 19);
	CHECK_STR(buf, "rv64imac_ssaia_sstc");
	CHECK_EQ(isa_build_extensions(&isa, buf, sizeof(buf)), sizeof(aia));
	CHECK(!memcmp(buf, aia, sizeof(aia)));
	isa.bits &= ~(1ULL << ISA_EXT_SSAIA);
	CHECK_EQ(isa_build_string(&isa, buf, sizeof(buf)), 13);
	CHECK_STR(buf, "rv64imac_sstc");
}

UNIT_TEST(isa_extensions)
{
	static const char hv[] = "i\0m\0a\0f\0d\0c\0v\0h\0zicntr\0zicsr\0zifencei\0sstc";
	static const char gc[] = "i\0m\0a\0f\0d\0c\0zicntr\0zicsr\0zifencei";
	struct isa_info none = { .vendor = false, .bits = 0 };
	char buf[128];

	CHECK_EQ(isa_build_extensions(&isa_hv_sstc, buf, sizeof(buf)), sizeof(hv));
	CHECK(!memcmp(buf, hv, sizeof(hv)));
	CHECK_EQ(isa_build_extensions(&none, buf, sizeof(buf)), sizeof(gc));
	CHECK(!memcmp(buf, gc, sizeof(gc)));
	CHECK_EQ(isa_build_extensions(&none, buf, sizeof(gc) - 1), -ENOSPC);
}

/* A rich vCPU: every multi-letter name in bit order, cbo block sizes as answered. */
static const struct isa_info isa_rich = {
	.vendor = true,
	.bits = ISA_EXT_BIT('i') | ISA_EXT_BIT('m') | ISA_EXT_BIT('a') | ISA_EXT_BIT('f') |
		ISA_EXT_BIT('d') | ISA_EXT_BIT('c') | ISA_EXT_BIT('v') | (1ULL << ISA_EXT_SSTC) |
		(1ULL << ISA_EXT_SVPBMT) | (1ULL << ISA_EXT_ZICBOM) | (1ULL << ISA_EXT_ZBB) |
		(1ULL << ISA_EXT_ZICBOZ) | (1ULL << ISA_EXT_ZFH) | (1ULL << ISA_EXT_ZICOND),
	.cbom_block = 64,
	.cboz_block = 128,
};

UNIT_TEST(isa_rich_names)
{
	static const char exts[] = "i\0m\0a\0f\0d\0c\0v\0zicntr\0zicsr\0zifencei\0sstc\0"
				   "svpbmt\0zicbom\0zbb\0zicboz\0zfh\0zicond";
	char buf[320];

	CHECK_EQ(isa_build_string(&isa_rich, buf, sizeof(buf)),
		 (int)strlen("rv64imafdcv_sstc_svpbmt_zicbom_zbb_zicboz_zfh_zicond"));
	CHECK_STR(buf, "rv64imafdcv_sstc_svpbmt_zicbom_zbb_zicboz_zfh_zicond");
	CHECK_EQ(isa_build_extensions(&isa_rich, buf, sizeof(buf)), sizeof(exts));
	CHECK(!memcmp(buf, exts, sizeof(exts)));
	CHECK_EQ(isa_build_string(&isa_rich, buf, 20), -ENOSPC);
}

static const struct basic_fb test_fb = {
	.format = "a8r8g8b8", .width = 640, .height = 480, .stride = 2560, .base = 0x50000000,
};

static struct linux_fdt_params test_params(uint32_t vcpus)
{
	struct linux_fdt_params p = {
		.ram_base = 0x80000000,
		.ram_size = 0x10000000,
		.bootargs = "root=/dev/ram rw mem=256M",
		.initrd_start = 0x83100000,
		.initrd_size = 0x1000000,
		.timebase_hz = 10000000,
		.vcpu_count = vcpus,
		.isa = isa_hv_sstc,
		.fb = &test_fb,
	};
	return p;
}

/* A copy of the compiled virt64.dtb with room for @runs patch runs. */
static void *load_dtb(int runs)
{
	void *fdt = calloc(1, virt64_dtb_len + (size_t)runs * LINUX_FDT_GROW);

	memcpy(fdt, virt64_dtb, virt64_dtb_len);
	return fdt;
}

static uint64_t prop_u64(const void *fdt, const char *path, const char *name)
{
	const fdt64_t *v;
	int len;

	v = fdt_getprop(fdt, fdt_path_offset(fdt, path), name, &len);
	return v && len == 8 ? fdt64_ld(v) : 0;
}

static uint32_t prop_u32(const void *fdt, const char *path, const char *name)
{
	const fdt32_t *v;
	int len;

	v = fdt_getprop(fdt, fdt_path_offset(fdt, path), name, &len);
	return v && len == 4 ? fdt32_ld(v) : 0xdeadbeef;
}

UNIT_TEST(fdt_patch_memory_chosen)
{
	struct linux_fdt_params p = test_params(2);
	void *fdt = load_dtb(1);
	const fdt32_t *reg;
	uint64_t addr, size;
	int len;

	CHECK_EQ(linux_fdt_patch(fdt, &p), 0);
	CHECK_EQ(fdt_check_header(fdt), 0);
	CHECK_EQ(fdt_totalsize(fdt), virt64_dtb_len + LINUX_FDT_GROW);

	reg = fdt_getprop(fdt, fdt_path_offset(fdt, "/memory@80000000"), "reg", &len);
	CHECK_EQ(len, 16);
	if (reg && len == 16) {
		CHECK_EQ(fdt32_ld(&reg[1]), 0x80000000);
		CHECK_EQ(fdt32_ld(&reg[3]), 0x10000000);
	}
	CHECK_STR(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", NULL),
		  "root=/dev/ram rw mem=256M");
	CHECK(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path", NULL) != NULL);
	CHECK_EQ(prop_u64(fdt, "/chosen", "linux,initrd-start"), 0x83100000);
	CHECK_EQ(prop_u64(fdt, "/chosen", "linux,initrd-end"), 0x84100000);
	CHECK_EQ(fdt_num_mem_rsv(fdt), 1);
	CHECK_EQ(fdt_get_mem_rsv(fdt, 0, &addr, &size), 0);
	CHECK_EQ(addr, 0x83100000);
	CHECK_EQ(size, 0x1000000);
	free(fdt);
}

UNIT_TEST(fdt_patch_cpus)
{
	struct linux_fdt_params p = test_params(2);
	void *fdt = load_dtb(1);
	const char *exts;
	int cpus, off, len;

	CHECK_EQ(linux_fdt_patch(fdt, &p), 0);
	cpus = fdt_path_offset(fdt, "/cpus");
	CHECK_EQ(prop_u32(fdt, "/cpus", "timebase-frequency"), 10000000);
	off = fdt_first_subnode(fdt, cpus);
	CHECK_STR(fdt_get_name(fdt, off, NULL), "cpu@0");
	off = fdt_next_subnode(fdt, off);
	CHECK_STR(fdt_get_name(fdt, off, NULL), "cpu@1");
	CHECK_EQ(fdt_next_subnode(fdt, off), -FDT_ERR_NOTFOUND);

	CHECK_EQ(prop_u32(fdt, "/cpus/cpu@1", "reg"), 1);
	CHECK_STR(fdt_getprop(fdt, off, "device_type", NULL), "cpu");
	CHECK_STR(fdt_getprop(fdt, off, "compatible", NULL), "riscv");
	CHECK_STR(fdt_getprop(fdt, off, "status", NULL), "okay");
	CHECK_STR(fdt_getprop(fdt, off, "mmu-type", NULL), "riscv,sv39");
	CHECK_STR(fdt_getprop(fdt, off, "riscv,isa", NULL), "rv64imafdcvh_sstc");
	CHECK_STR(fdt_getprop(fdt, off, "riscv,isa-base", NULL), "rv64i");
	exts = fdt_getprop(fdt, off, "riscv,isa-extensions", &len);
	CHECK_EQ(fdt_stringlist_count(fdt, off, "riscv,isa-extensions"), 12);
	CHECK_EQ(fdt_stringlist_search(fdt, off, "riscv,isa-extensions", "sstc"), 11);
	CHECK(exts && len > 0);

	off = fdt_node_offset_by_phandle(fdt, 101);
	CHECK(off >= 0);
	CHECK_EQ(fdt_parent_offset(fdt, off), fdt_path_offset(fdt, "/cpus/cpu@1"));
	CHECK_STR(fdt_getprop(fdt, off, "compatible", NULL), "riscv,cpu-intc");
	CHECK(fdt_getprop(fdt, off, "interrupt-controller", &len) && len == 0);
	CHECK_EQ(prop_u32(fdt, "/cpus/cpu@1/interrupt-controller", "#interrupt-cells"), 1);
	CHECK_EQ(prop_u32(fdt, "/cpus/cpu@0/interrupt-controller", "linux,phandle"), 100);
	free(fdt);
}

UNIT_TEST(fdt_patch_plic_fb)
{
	static const uint32_t want[] = { 100, 0xffffffff, 100, 9, 101, 0xffffffff, 101, 9 };
	struct linux_fdt_params p = test_params(2);
	void *fdt = load_dtb(1);
	const fdt32_t *cells;
	int plic, len, i;

	CHECK_EQ(linux_fdt_patch(fdt, &p), 0);
	plic = fdt_node_offset_by_compatible(fdt, -1, "riscv,plic0");
	cells = fdt_getprop(fdt, plic, "interrupts-extended", &len);
	CHECK_EQ(len, (int)sizeof(want));
	for (i = 0; cells && len == (int)sizeof(want) && i < 8; i++)
		CHECK_EQ(fdt32_ld(&cells[i]), want[i]);
	CHECK_STR(fdt_getprop(fdt, fdt_path_offset(fdt, "/smb/simplefb@50000000"), "format", NULL),
		  "a8r8g8b8");
	CHECK_EQ(prop_u32(fdt, "/smb/simplefb@50000000", "width"), 640);
	CHECK_EQ(prop_u32(fdt, "/smb/simplefb@50000000", "height"), 480);
	CHECK_EQ(prop_u32(fdt, "/smb/simplefb@50000000", "stride"), 2560);
	free(fdt);
}

/* An IMSIC node gets one (cpu-intc, S external) pair per vCPU. */
UNIT_TEST(fdt_patch_imsic)
{
	static const uint32_t want[] = { 100, 9, 101, 9, 102, 9 };
	struct linux_fdt_params p = test_params(3);
	void *fdt = load_dtb(2);
	const fdt32_t *cells;
	int node, len, i;

	CHECK_EQ(fdt_open_into(fdt, fdt, (int)fdt_totalsize(fdt) + 256), 0);
	node = fdt_add_subnode(fdt, fdt_path_offset(fdt, "/smb"), "interrupt-controller@28000000");
	CHECK(node >= 0);
	CHECK_EQ(fdt_setprop_string(fdt, node, "compatible", "riscv,imsics"), 0);
	CHECK_EQ(linux_fdt_patch(fdt, &p), 0);
	node = fdt_node_offset_by_compatible(fdt, -1, "riscv,imsics");
	cells = fdt_getprop(fdt, node, "interrupts-extended", &len);
	CHECK_EQ(len, (int)sizeof(want));
	for (i = 0; cells && len == (int)sizeof(want) && i < 6; i++)
		CHECK_EQ(fdt32_ld(&cells[i]), want[i]);
	free(fdt);
}

UNIT_TEST(fdt_patch_rerun_and_limits)
{
	struct linux_fdt_params p = test_params(3);
	void *fdt = load_dtb(2);

	p.initrd_size = 0;
	p.fb = NULL;
	CHECK_EQ(linux_fdt_patch(fdt, &p), 0);
	CHECK(fdt_path_offset(fdt, "/cpus/cpu@2") >= 0);
	CHECK(!fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "linux,initrd-start", NULL));
	CHECK_EQ(fdt_num_mem_rsv(fdt), 0);
	CHECK_EQ(prop_u32(fdt, "/smb/simplefb@50000000", "width"), 1024);

	p.vcpu_count = 1;
	p.ram_base = 0x90000000;
	CHECK_EQ(linux_fdt_patch(fdt, &p), 0);
	CHECK(fdt_path_offset(fdt, "/cpus/cpu@0") >= 0);
	CHECK_EQ(fdt_path_offset(fdt, "/cpus/cpu@1"), -FDT_ERR_NOTFOUND);
	CHECK_EQ(fdt_path_offset(fdt, "/memory@80000000"), -FDT_ERR_NOTFOUND);
	CHECK(fdt_path_offset(fdt, "/memory@90000000") >= 0);

	p.vcpu_count = 0;
	CHECK(linux_fdt_patch(fdt, &p) < 0);
	free(fdt);
}

UNIT_TEST(fdt_override)
{
	void *fdt = load_dtb(1);

	CHECK_EQ(fdt_override_u32(fdt, "/smb/uart@10000000/clock-frequency", 1843200), 0);
	CHECK_EQ(prop_u32(fdt, "/smb/uart@10000000", "clock-frequency"), 1843200);
	CHECK_EQ(fdt_override_u32(fdt, "/cpus/timebase-frequency", 0x1234), 0);
	CHECK_EQ(prop_u32(fdt, "/cpus", "timebase-frequency"), 0x1234);
	CHECK_EQ(fdt_override_u32(fdt, "/rootprop", 5), 0);
	CHECK_EQ(prop_u32(fdt, "/", "rootprop"), 5);
	CHECK_EQ(fdt_override_u32(fdt, "/nope/x", 1), -FDT_ERR_NOTFOUND);
	CHECK_EQ(fdt_override_u32(fdt, "noslash", 1), -FDT_ERR_BADPATH);
	CHECK_EQ(fdt_override_u32(fdt, "/cpus/", 1), -FDT_ERR_BADPATH);
	free(fdt);
}

/* Run fdt_print_tree with stdout captured into @out. */
static int print_captured(const void *fdt, const char *path, char *out, size_t size)
{
	int rc;

	capture_begin();
	rc = fdt_print_tree(fdt, path);
	snprintf(out, size, "%s", capture_end());
	return rc;
}

UNIT_TEST(fdt_print)
{
	void *fdt = load_dtb(0);
	char out[1024];

	CHECK_EQ(print_captured(fdt, "/smb/uart@10000000", out, sizeof(out)), 0);
	CHECK(strstr(out, "uart@10000000 {\n") == out);
	CHECK(strstr(out, "\tcompatible = \"ns16550a\";\n") != NULL);
	CHECK(strstr(out, "\tclock-frequency = <0x00384000>;\n") != NULL);
	CHECK(strstr(out, "\treg = <0x00000000 0x10000000 0x00000000 0x00000100>;\n") != NULL);
	CHECK(strstr(out, "};\n") != NULL);
	CHECK_EQ(print_captured(fdt, "/smb/virtio_net@20000000", out, sizeof(out)), 0);
	CHECK(strstr(out, "\tdma-coherent;\n") != NULL);
	CHECK_EQ(print_captured(fdt, "/missing", out, sizeof(out)), -FDT_ERR_NOTFOUND);
	free(fdt);
}

/* Zicbom / Zicboz come with their block sizes; without them, no property. */
UNIT_TEST(fdt_patch_cbo_block_sizes)
{
	struct linux_fdt_params p = test_params(1);
	void *fdt = load_dtb(2);

	p.isa = isa_rich;
	CHECK_EQ(linux_fdt_patch(fdt, &p), 0);
	CHECK_EQ(prop_u32(fdt, "/cpus/cpu@0", "riscv,cbom-block-size"), 64);
	CHECK_EQ(prop_u32(fdt, "/cpus/cpu@0", "riscv,cboz-block-size"), 128);
	CHECK_STR(fdt_getprop(fdt, fdt_path_offset(fdt, "/cpus/cpu@0"), "riscv,isa", NULL),
		  "rv64imafdcv_sstc_svpbmt_zicbom_zbb_zicboz_zfh_zicond");
	p.isa.bits &= ~((1ULL << ISA_EXT_ZICBOM) | (1ULL << ISA_EXT_ZICBOZ));
	CHECK_EQ(linux_fdt_patch(fdt, &p), 0);
	CHECK_EQ(prop_u32(fdt, "/cpus/cpu@0", "riscv,cbom-block-size"), 0xdeadbeef);
	CHECK_EQ(prop_u32(fdt, "/cpus/cpu@0", "riscv,cboz-block-size"), 0xdeadbeef);
	free(fdt);
}

UNIT_MAIN();
