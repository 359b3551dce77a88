/*
 * Host unit test of the SBI hart-mask walk shared by IPI, RFENCE and the
 * legacy calls (arch/riscv/sbi/sbi_hartmask.c): which hart ids a (mask, base)
 * pair names, that base -1 means all harts, and that a mask naming a
 * missing hart is rejected before any hart is visited.
 */
#include <errno.h>
#include <limits.h>
#include "unit.h"
#include "../../arch/riscv/sbi/sbi_priv.h"

struct visits {
	unsigned int n;
	unsigned long ids[80];
};

static void record(unsigned long hartid, void *arg)
{
	struct visits *v = arg;

	if (v->n < sizeof(v->ids) / sizeof(v->ids[0]))
		v->ids[v->n] = hartid;
	v->n++;
}

UNIT_TEST(mask_relative_to_base)
{
	struct visits v = { 0 };

	CHECK_EQ(sbi_hartmask_for_each(0x5, 2, 8, record, &v), 0);
	CHECK_EQ(v.n, 2);
	CHECK_EQ(v.ids[0], 2);
	CHECK_EQ(v.ids[1], 4);
}

UNIT_TEST(base_all_ignores_mask)
{
	struct visits v = { 0 };

	CHECK_EQ(sbi_hartmask_for_each(0x1, SBI_HARTMASK_ALL, 4, record, &v), 0);
	CHECK_EQ(v.n, 4);
	for (unsigned int i = 0; i < 4; i++)
		CHECK_EQ(v.ids[i], i);
}

UNIT_TEST(zero_mask_names_nobody)
{
	struct visits v = { 0 };

	CHECK_EQ(sbi_hartmask_for_each(0, 0, 4, record, &v), 0);
	CHECK_EQ(sbi_hartmask_for_each(0, 1000, 4, record, &v), 0);
	CHECK_EQ(v.n, 0);
}

UNIT_TEST(missing_hart_rejects_whole_mask)
{
	struct visits v = { 0 };

	/* Harts 0 and 4 named, only 0..3 exist: nothing may be visited. */
	CHECK_EQ(sbi_hartmask_for_each(0x11, 0, 4, record, &v), -EINVAL);
	CHECK_EQ(v.n, 0);
	CHECK_EQ(sbi_hartmask_for_each(0x1, 4, 4, record, &v), -EINVAL);
	CHECK_EQ(sbi_hartmask_for_each(0x1, 3, 4, record, &v), 0);
	CHECK_EQ(v.n, 1);
	CHECK_EQ(v.ids[0], 3);
}

UNIT_TEST(no_harts)
{
	struct visits v = { 0 };

	CHECK_EQ(sbi_hartmask_for_each(0, SBI_HARTMASK_ALL, 0, record, &v), 0);
	CHECK_EQ(sbi_hartmask_for_each(1, 0, 0, record, &v), -EINVAL);
	CHECK_EQ(v.n, 0);
}

UNIT_TEST(top_bit_and_overflow)
{
	struct visits v = { 0 };

	/* Bit 63 of a mask at base 0 is hart 63: valid with 64 harts. */
	CHECK_EQ(sbi_hartmask_for_each(1UL << 63, 0, 64, record, &v), 0);
	CHECK_EQ(v.n, 1);
	CHECK_EQ(v.ids[0], 63);
	/* base + bit wrapping past zero must not alias hart 0..3. */
	CHECK_EQ(sbi_hartmask_for_each(0x6, ULONG_MAX - 1, 4, record, &v), -EINVAL);
	CHECK_EQ(v.n, 1);
}

UNIT_TEST(full_mask)
{
	struct visits v = { 0 };

	CHECK_EQ(sbi_hartmask_for_each(~0UL, 0, 64, record, &v), 0);
	CHECK_EQ(v.n, 64);
	CHECK_EQ(v.ids[63], 63);
	CHECK_EQ(sbi_hartmask_for_each(~0UL, 0, 63, record, &v), -EINVAL);
	CHECK_EQ(v.n, 64);
}

UNIT_MAIN();
