/*
 * Host unit test of the ISA sets: parsing riscv,isa strings (QEMU's host
 * CPU models) and riscv,isa-extensions lists, the host probe from a cpu
 * node, and what a guest gets of the host (arch/riscv/isa_guest.c): the
 * hidden extensions, prerequisites, the cbo block-size rule, henvcfg and
 * the vendor SBI answers.
 */
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <arch/cpu.h>
#include "unit.h"

#define BIT(b) (1ULL << (b))
#define LET(c) BIT(ISA_EXT_LETTER(c))

#define RICH_HOST                                                                                  \
	"rv64imafdcvh_zicsr_zifencei_zihintpause_zfh_zba_zbb_zbc_zbs_"                             \
	"sscofpmf_sstc_svinval_svnapot_svpbmt"
/* The demo guest's configuration, as in Xvisor's sample. */
#define DEMO_CONFIG "rv64imafdchv_sstc"

/* A blob with /cpus/cpu@0 holding @isa, an extension list and cbo sizes. */
static void *cpu_fdt(const char *isa, const char *list, int list_len, uint32_t cbom, uint32_t cboz)
{
	void *fdt = calloc(1, 4096);

	fdt_create(fdt, 4096);
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	fdt_begin_node(fdt, "cpus");
	fdt_begin_node(fdt, "cpu@0");
	if (isa)
		fdt_property_string(fdt, "riscv,isa", isa);
	if (list)
		fdt_property(fdt, "riscv,isa-extensions", list, list_len);
	if (cbom)
		fdt_property_u32(fdt, "riscv,cbom-block-size", cbom);
	if (cboz)
		fdt_property_u32(fdt, "riscv,cboz-block-size", cboz);
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	fdt_finish(fdt);
	return fdt;
}

static void probe(const char *isa, const char *list, int list_len, uint32_t cbom, uint32_t cboz)
{
	void *fdt = cpu_fdt(isa, list, list_len, cbom, cboz);

	isa_probe_host(fdt, fdt_path_offset(fdt, "/cpus/cpu@0"), isa);
	free(fdt);
}

UNIT_TEST(parse_qemu_strings)
{
	isa_set_t s = isa_parse_string(RICH_HOST);
	char buf[320];

	CHECK(s & LET('v'));
	CHECK(s & LET('h'));
	CHECK(s & BIT(ISA_EXT_ZFH));
	CHECK(s & BIT(ISA_EXT_SSCOFPMF));
	CHECK(s & BIT(ISA_EXT_ZBC));
	CHECK(!(s & BIT(ISA_EXT_ZICBOM)));
	isa_format(s, buf, sizeof(buf));
	CHECK_STR(buf, "rv64imafdcvh_sstc_svpbmt_svnapot_zihintpause_zbb_svinval_zba_zbc_zbs_"
		       "zfh_sscofpmf");
	CHECK_EQ(isa_parse_string(buf), s);
	CHECK_EQ(isa_parse_string("RV64IMAC_ZICOND"),
		 LET('i') | LET('m') | LET('a') | LET('c') | BIT(ISA_EXT_ZICOND));
	CHECK_EQ(isa_parse_string("x86"), 0);
}

UNIT_TEST(probe_extensions_list_and_block_sizes)
{
	static const char list[] = "i\0m\0a\0c\0h\0zicbom\0zicboz\0svadu\0zicond\0unknown";

	probe("rv64imac", list, sizeof(list), 64, 0);
	CHECK_EQ(host_isa, LET('i') | LET('m') | LET('a') | LET('c') | LET('h') |
			       BIT(ISA_EXT_ZICBOM) | BIT(ISA_EXT_ZICBOZ) | BIT(ISA_EXT_SVADU) |
			       BIT(ISA_EXT_ZICOND));
	CHECK_EQ(host_cbom_block, 64);
	CHECK_EQ(host_cboz_block, 0);
}

/*
 * The rich QEMU host: h and Sscofpmf hidden, everything else passes; the
 * newer extensions need not be named.
 */
UNIT_TEST(guest_on_rich_host)
{
	isa_set_t want = isa_parse_string(DEMO_CONFIG), got;
	const isa_set_t imac = LET('i') | LET('m') | LET('a') | LET('c');

	probe(RICH_HOST, NULL, 0, 0, 0);
	got = isa_guest_set(want);
	CHECK_EQ(got, host_isa & ~(LET('h') | BIT(ISA_EXT_SSCOFPMF)));
	CHECK_EQ(isa_henvcfg(got), (1UL << 63) | (1UL << 62));
	/* Letters and Sstc only when named. */
	got = isa_guest_set(isa_parse_string("rv64imac"));
	CHECK_EQ(got & ((1ULL << 26) - 1), imac);
	CHECK(!(got & BIT(ISA_EXT_SSTC)));
	CHECK(got & BIT(ISA_EXT_ZBA));
	/* Naming some newer extensions limits them to those; Zfh needs F. */
	CHECK_EQ(isa_guest_set(isa_parse_string("rv64imac_zba_zfh")), imac | BIT(ISA_EXT_ZBA));
	CHECK(!(isa_guest_set(isa_parse_string("rv64imacv")) & BIT(ISA_EXT_ZFH)));
	CHECK(isa_guest_set(isa_parse_string("rv64imafcv_zfh")) & BIT(ISA_EXT_ZFH));
}

/* Zicbom / Zicboz pass only with a block size to tell; henvcfg follows. */
UNIT_TEST(guest_cbo_and_svadu)
{
	static const char list[] = "i\0m\0a\0f\0d\0c\0h\0zicbom\0zicboz\0svadu\0sstc";
	isa_set_t want = isa_parse_string(DEMO_CONFIG), got;

	probe(NULL, list, sizeof(list), 64, 0);
	got = isa_guest_set(want);
	CHECK(got & BIT(ISA_EXT_ZICBOM));
	CHECK(!(got & BIT(ISA_EXT_ZICBOZ)));
	CHECK(!(got & LET('v')));
	CHECK_EQ(isa_henvcfg(got), (1UL << 63) | (1UL << 61) | (1UL << 6) | (1UL << 4));
	CHECK_EQ(isa_ext_value(got, ISA_EXT_ZICBOM), 64);
	CHECK_EQ(isa_ext_value(got, ISA_EXT_ZICBOZ), 0);
	CHECK_EQ(isa_ext_value(got, ISA_EXT_SSTC), 1);
	CHECK_EQ(isa_ext_value(got, ISA_EXT_LETTER('h')), 0);
	CHECK_EQ(isa_ext_value(got, 64), 0);

	probe(NULL, list, sizeof(list), 64, 32);
	got = isa_guest_set(want);
	CHECK(got & BIT(ISA_EXT_ZICBOZ));
	CHECK_EQ(isa_henvcfg(got) & (1UL << 7), 1UL << 7);
	CHECK_EQ(isa_ext_value(got, ISA_EXT_ZICBOZ), 32);
}

/* The poor host: no Sstc, no V; nothing without a base integer ISA. */
UNIT_TEST(guest_on_poor_host)
{
	probe("rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs", NULL, 0, 0, 0);
	CHECK_EQ(isa_guest_set(isa_parse_string(DEMO_CONFIG)), host_isa & ~LET('h'));
	CHECK_EQ(isa_henvcfg(isa_guest_set(isa_parse_string(DEMO_CONFIG))), 0);
	CHECK_EQ(isa_guest_set(isa_parse_string("rv64mafd")) & ((1ULL << 26) - 1), 0);
}

UNIT_MAIN();
