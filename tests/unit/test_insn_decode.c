/*
 * Host unit test of the MMIO load/store decoder (arch/riscv/insn_decode.c):
 * the assembler-made reference table (data/insn_decode.tbl), hand-encoded
 * cross-checks, rejects the assembler cannot produce (reserved encodings,
 * htinst pseudoinstructions), exhaustive sweeps of the LOAD/STORE register
 * fields and of the 16-bit space, value extension of loads, and the
 * access fault an atomic takes (insn_atomic).
 */
#include <errno.h>
#include <stdint.h>
#include "unit.h"
#include "insn_decode_cases.h"

static const struct mmio_insn sentinel = {
	.is_store = true, .width = 99, .sign_extend = true, .reg = 99, .insn_len = 99,
};

static bool same(const struct mmio_insn *a, const struct mmio_insn *b)
{
	return a->is_store == b->is_store && a->width == b->width &&
	       a->sign_extend == b->sign_extend && a->reg == b->reg &&
	       a->insn_len == b->insn_len;
}

/* Decode and check @want; a failure must leave the output untouched. */
static bool decodes_to(unsigned long insn, bool ht, int ret, const struct mmio_insn *want)
{
	struct mmio_insn m = sentinel;

	if (insn_decode_mmio(insn, ht, &m) != ret)
		return false;
	return same(&m, ret ? &sentinel : want);
}

static bool rejected(unsigned long insn, bool ht)
{
	return decodes_to(insn, ht, -EINVAL, NULL);
}

static const struct insn_case *find_case(const char *text)
{
	for (unsigned int i = 0; i < insn_cases_count; i++)
		if (!strcmp(insn_cases[i].text, text))
			return &insn_cases[i];
	return NULL;
}

UNIT_TEST(reference_table)
{
	CHECK(insn_cases_count > 90);
	for (unsigned int i = 0; i < insn_cases_count; i++) {
		const struct insn_case *c = &insn_cases[i];
		unsigned long bits = c->bits;

		if (c->mode == CASE_HTINST_C)
			bits &= ~2UL;
		if (!decodes_to(bits, c->mode != CASE_RAW, c->ret, &c->want)) {
			unit_failures++;
			fprintf(stderr, "insn_decode.tbl:%u: '%s' (0x%08lx) mis-decoded\n",
				c->line, c->text, bits);
		}
	}
}

/* The assembler pipeline agrees with encodings worked out by hand. */
UNIT_TEST(table_matches_hand_encoding)
{
	static const struct {
		const char *text;
		uint32_t bits;
	} known[] = {
		{ "lw x10, 0(x11)", 0x0005a503 }, { "sd ra, 8(sp)", 0x00113423 },
		{ "c.lw a0, 0(a0)", 0x4108 }, { "c.ldsp ra, 8(sp)", 0x60a2 },
	};

	for (unsigned int i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		const struct insn_case *c = find_case(known[i].text);

		CHECK(c);
		if (c)
			CHECK_EQ(c->bits, known[i].bits);
	}
}

UNIT_TEST(hand_encoded)
{
	struct mmio_insn lw_a0 = { .width = 4, .sign_extend = true, .reg = 10, .insn_len = 4 };
	struct mmio_insn sd_ra = { .is_store = true, .width = 8, .reg = 1, .insn_len = 2 };

	CHECK(decodes_to(0x0005a503, false, 0, &lw_a0));
	CHECK(decodes_to(0x0005a503, true, 0, &lw_a0));
	/* c.sdsp ra, 8(sp) */
	CHECK(decodes_to(0xe406, false, 0, &sd_ra));
	/* Bits [31:16] of a raw 16-bit instruction are the next one's. */
	CHECK(decodes_to(0xdeade406, false, 0, &sd_ra));
	/* htinst with bit 1 clear: lw a0 from a compressed instruction. */
	lw_a0.insn_len = 2;
	CHECK(decodes_to(0x00002501, true, 0, &lw_a0));
	/* A raw 0x...01 is a quadrant-1 compressed instruction (c.addi). */
	CHECK(rejected(0x00002501, false));
}

UNIT_TEST(rejects)
{
	CHECK(rejected(0, false));
	CHECK(rejected(0, true));
	CHECK(rejected(0xffffffff, false));
	CHECK(rejected(0xffffffff, true));
	/* htinst pseudoinstructions of implicit VS-stage page-table accesses. */
	CHECK(rejected(0x00002000, true));
	CHECK(rejected(0x00002020, true));
	CHECK(rejected(0x00003000, true));
	CHECK(rejected(0x00003020, true));
	/* LOAD funct3 111 and STORE funct3 1xx are reserved in RV64. */
	CHECK(rejected(0x0005f503, false));
	CHECK(rejected(0x0005f503, true));
	for (uint32_t f3 = 4; f3 < 8; f3++) {
		CHECK(rejected(0x00a58023 | f3 << 12, false));
		CHECK(rejected(0x00a58023 | f3 << 12, true));
	}
	/* c.lwsp / c.ldsp with rd = x0 are reserved. */
	CHECK(rejected(0x4002, false));
	CHECK(rejected(0x5ffe & ~0x0f80u, false));
	CHECK(rejected(0x6002, false));
	/* Quadrant 0 funct3 100 is reserved. */
	CHECK(rejected(0x8000, false));
	CHECK(rejected(0x9ffc, false));
	/* Nothing above bit 31. */
	CHECK(rejected(0x100000000UL | 0x0005a503, false));
	CHECK(rejected(0x100000000UL | 0x0005a503, true));
	CHECK(rejected(0x100000000UL | 0x4108, false));
}

/* Every LOAD/STORE funct3 with every data register, in both forms. */
UNIT_TEST(register_fields)
{
	static const unsigned int load_width[7] = { 1, 2, 4, 8, 1, 2, 4 };

	for (uint32_t r = 0; r < 32; r++) {
		for (uint32_t f3 = 0; f3 < 7; f3++) {
			/* Other register fields hold r ^ 31 so they cannot be mistaken. */
			uint32_t ld = (r ^ 31) << 20 | (r ^ 31) << 15 | f3 << 12 | r << 7 | 0x03;
			struct mmio_insn want = {
				.width = load_width[f3], .sign_extend = f3 < 3,
				.reg = r, .insn_len = 4,
			};

			CHECK(decodes_to(ld, false, 0, &want));
			CHECK(decodes_to(ld, true, 0, &want));
			want.insn_len = 2;
			CHECK(decodes_to(ld & ~2u, true, 0, &want));
		}
		for (uint32_t f3 = 0; f3 < 4; f3++) {
			uint32_t st = r << 20 | (r ^ 31) << 15 | f3 << 12 | (r ^ 31) << 7 | 0x23;
			struct mmio_insn want = {
				.is_store = true, .width = 1u << f3, .reg = r, .insn_len = 4,
			};

			CHECK(decodes_to(st, false, 0, &want));
			CHECK(decodes_to(st, true, 0, &want));
		}
	}
}

/*
 * The whole 16-bit space: exactly the eight RV64 integer load/store
 * forms decode, each with its width and the register of its field.
 */
UNIT_TEST(compressed_space)
{
	unsigned int accepted = 0;

	for (uint32_t c = 0; c < 0x10000; c++) {
		struct mmio_insn m;
		unsigned int q = c & 3, f3 = c >> 13;
		unsigned int reg_p = 8 + ((c >> 2) & 7), rd = (c >> 7) & 0x1f;

		if (q == 3 || insn_decode_mmio(c, false, &m))
			continue;
		accepted++;
		CHECK_EQ(m.insn_len, 2);
		CHECK(q == 0 || q == 2);
		CHECK(f3 == 2 || f3 == 3 || f3 == 6 || f3 == 7);
		CHECK_EQ(m.is_store, f3 >= 6);
		CHECK_EQ(m.width, (f3 & 1) ? 8 : 4);
		CHECK_EQ(m.sign_extend, f3 == 2);
		if (q == 0)
			CHECK_EQ(m.reg, reg_p);
		else if (f3 < 6)
			CHECK_EQ(m.reg, rd);
		else
			CHECK_EQ(m.reg, (c >> 2) & 0x1f);
	}
	/* 6 forms with 11 free bits, 2 (c.lwsp, c.ldsp) minus rd = 0. */
	CHECK_EQ(accepted, 6 * 2048 + 2 * (2048 - 64));
}

UNIT_TEST(load_extend)
{
	struct mmio_insn m = { 0 };

	m.width = 1;
	m.sign_extend = true;
	CHECK_EQ(mmio_load_extend(0x80, &m), 0xffffffffffffff80ULL);
	CHECK_EQ(mmio_load_extend(0x7f, &m), 0x7f);
	CHECK_EQ(mmio_load_extend(0x12345680, &m), 0xffffffffffffff80ULL);
	m.sign_extend = false;
	CHECK_EQ(mmio_load_extend(0xffffff80, &m), 0x80);
	m.width = 2;
	CHECK_EQ(mmio_load_extend(0xabcd8001, &m), 0x8001);
	m.sign_extend = true;
	CHECK_EQ(mmio_load_extend(0xabcd8001, &m), 0xffffffffffff8001ULL);
	CHECK_EQ(mmio_load_extend(0x7fff, &m), 0x7fff);
	m.width = 4;
	CHECK_EQ(mmio_load_extend(0x80000000, &m), 0xffffffff80000000ULL);
	CHECK_EQ(mmio_load_extend(0x123456789abcdef0ULL, &m), 0xffffffff9abcdef0ULL);
	CHECK_EQ(mmio_load_extend(0x7fffffff, &m), 0x7fffffff);
	m.sign_extend = false;
	CHECK_EQ(mmio_load_extend(0xffffffff80000000ULL, &m), 0x80000000);
	m.width = 8;
	CHECK_EQ(mmio_load_extend(0x8000000000000001ULL, &m), 0x8000000000000001ULL);
	m.sign_extend = true;
	CHECK_EQ(mmio_load_extend(0x8000000000000001ULL, &m), 0x8000000000000001ULL);
}

/* Decoding then extending, as the MMIO exit path does. */
UNIT_TEST(decode_then_extend)
{
	struct mmio_insn m;

	CHECK_EQ(insn_decode_mmio(find_case("lb x10, 0(x11)")->bits, false, &m), 0);
	CHECK_EQ(mmio_load_extend(0xfe, &m), 0xfffffffffffffffeULL);
	CHECK_EQ(insn_decode_mmio(find_case("lbu x12, 1(x13)")->bits, false, &m), 0);
	CHECK_EQ(mmio_load_extend(0xfe, &m), 0xfe);
	CHECK_EQ(insn_decode_mmio(find_case("lwu x28, 100(x29)")->bits, false, &m), 0);
	CHECK_EQ(mmio_load_extend(0xdeadbeef, &m), 0xdeadbeef);
	CHECK_EQ(insn_decode_mmio(find_case("c.lw x8, 0(x9)")->bits, false, &m), 0);
	CHECK_EQ(mmio_load_extend(0xdeadbeef, &m), 0xffffffffdeadbeefULL);
}

/* LR takes the load access fault, SC and every AMO the store/AMO one. */
UNIT_TEST(atomics)
{
	static const struct {
		const char *text;
		bool store;
	} atomics[] = {
		{ "lr.w x1, (x2)", false }, { "sc.d x3, x4, (x5)", true },
		{ "amoadd.w x1, x2, (x3)", true }, { "amoswap.d x4, x5, (x6)", true },
		{ "lr.d x1, (x0)", false }, { "sc.w x1, x2, (x0)", true },
	};
	bool store;

	for (unsigned int i = 0; i < sizeof(atomics) / sizeof(atomics[0]); i++) {
		const struct insn_case *c = find_case(atomics[i].text);

		CHECK(c);
		if (!c)
			continue;
		store = !atomics[i].store;
		CHECK(insn_atomic(c->bits, &store));
		CHECK_EQ(store, atomics[i].store);
	}
	CHECK(!insn_atomic(find_case("lw x10, 0(x11)")->bits, &store));
	CHECK(!insn_atomic(find_case("sd ra, 8(sp)")->bits, &store));
	CHECK(!insn_atomic(0, &store));
	CHECK(!insn_atomic(0x1ffffffafUL, &store));
}

UNIT_MAIN();
