/*
 * Host unit test of the SBI argument classification in
 * arch/riscv/sbi/sbi_checks.c: SRST reset types and reasons and HSM suspend
 * types, against the ranges of SBI v2.0, all of them 32-bit values whose
 * upper register bits are ignored on RV64.
 */
#include "unit.h"
#include "../../arch/riscv/sbi/sbi_priv.h"

UNIT_TEST(srst_defined_types)
{
	for (unsigned long type = 0; type <= 2; type++) {
		CHECK_EQ(sbi_srst_check(type, 0), SBI_SUCCESS);
		CHECK_EQ(sbi_srst_check(type, 1), SBI_SUCCESS);
	}
}

UNIT_TEST(srst_reserved_and_vendor)
{
	CHECK_EQ(sbi_srst_check(3, 0), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_srst_check(0xEFFFFFFFUL, 0), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_srst_check(0xF0000000UL, 0), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_srst_check(0, 2), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_srst_check(0, 0xE0000000UL), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_srst_check(0, 0xFFFFFFFFUL), SBI_ERR_INVALID_PARAM);
}

UNIT_TEST(srst_wide_arguments)
{
	/* Type and reason are uint32_t: the upper register bits are ignored. */
	CHECK_EQ(sbi_srst_check(1UL << 32, 0), SBI_SUCCESS);
	CHECK_EQ(sbi_srst_check(0, 1UL << 32), SBI_SUCCESS);
	CHECK_EQ(sbi_srst_check(1UL << 63 | 2, 1UL << 40 | 1), SBI_SUCCESS);
	CHECK_EQ(sbi_srst_check(1UL << 32 | 3, 0), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_srst_check(0, 1UL << 32 | 2), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_srst_check(~0UL, ~0UL), SBI_ERR_INVALID_PARAM);
}

UNIT_TEST(hsm_suspend_types)
{
	bool ret = false;

	CHECK_EQ(sbi_hsm_suspend_check(0, &ret), SBI_SUCCESS);
	CHECK(ret);
	CHECK_EQ(sbi_hsm_suspend_check(0x80000000UL, &ret), SBI_SUCCESS);
	CHECK(!ret);
	CHECK_EQ(sbi_hsm_suspend_check(1, &ret), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_hsm_suspend_check(0x0FFFFFFFUL, &ret), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_hsm_suspend_check(0x10000000UL, &ret), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_hsm_suspend_check(0x80000001UL, &ret), SBI_ERR_INVALID_PARAM);
	CHECK_EQ(sbi_hsm_suspend_check(0x90000000UL, &ret), SBI_ERR_INVALID_PARAM);
}

UNIT_TEST(hsm_suspend_type_is_32_bits)
{
	bool ret = false;

	CHECK_EQ(sbi_hsm_suspend_check(1UL << 32, &ret), SBI_SUCCESS);
	CHECK(ret);
	CHECK_EQ(sbi_hsm_suspend_check(1UL << 63 | 0x80000000UL, &ret), SBI_SUCCESS);
	CHECK(!ret);
	CHECK_EQ(sbi_hsm_suspend_check(1UL << 32 | 1, &ret), SBI_ERR_INVALID_PARAM);
}

UNIT_MAIN();
