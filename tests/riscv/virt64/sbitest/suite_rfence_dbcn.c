/*
 * RFENCE (fence_i, sfence_vma, sfence_vma_asid on this hart and on all
 * harts; masks naming missing harts; hfence without the H extension), the
 * legacy fences, and the debug console: DBCN console_write (count, the
 * hi-address rule, a bad address), console_write_byte, console_read
 * (DENIED) and the legacy putchar/getchar.
 */
#include <string.h>

#include "sbitest.h"

#define RFENCE_FENCE_I		0
#define RFENCE_SFENCE_VMA	1
#define RFENCE_SFENCE_VMA_ASID	2
#define RFENCE_HFENCE_GVMA	4
#define DBCN_WRITE		0
#define DBCN_READ		1
#define DBCN_WRITE_BYTE		2

static struct sbiret rfence(unsigned long fid, unsigned long mask, unsigned long base)
{
	return sbi_call(SBI_EXT_RFENCE, fid, mask, base, 0, ~0UL);
}

static struct sbiret dbcn(unsigned long fid, unsigned long a0, unsigned long a1,
			  unsigned long a2)
{
	return sbi_call(SBI_EXT_DBCN, fid, a0, a1, a2, 0);
}

void suite_rfence_dbcn(void)
{
	static const char msg[] = "DBCN: console_write\n";
	static char buf[64];
	long len = strlen(msg);

	check_err("rfence.fence_i", rfence(RFENCE_FENCE_I, 1, 0), SBI_SUCCESS);
	check_err("rfence.fence_i.all", rfence(RFENCE_FENCE_I, 0, ~0UL), SBI_SUCCESS);
	check_err("rfence.sfence_vma", rfence(RFENCE_SFENCE_VMA, 1, 0), SBI_SUCCESS);
	check_err("rfence.sfence_vma_asid", rfence(RFENCE_SFENCE_VMA_ASID, 1, 0), SBI_SUCCESS);
	check_err("rfence.fence_i.missing_hart", rfence(RFENCE_FENCE_I, 1UL << hsm_nharts(), 0),
		  SBI_ERR_INVALID_PARAM);
	check_err("rfence.sfence_vma.missing_hart", rfence(RFENCE_SFENCE_VMA, 1, 7),
		  SBI_ERR_INVALID_PARAM);
	check_err("rfence.hfence_without_h", rfence(RFENCE_HFENCE_GVMA, 1, 0),
		  SBI_ERR_NOT_SUPPORTED);
	check_err("rfence.unknown_fid", rfence(7, 1, 0), SBI_ERR_NOT_SUPPORTED);
	check_eq("legacy.remote_fence_i", sbi_legacy(5, 0), SBI_SUCCESS);
	check_eq("legacy.remote_sfence_vma", sbi_legacy(6, 0), SBI_SUCCESS);

	check_ret("dbcn.write", dbcn(DBCN_WRITE, len, (unsigned long)msg, 0), SBI_SUCCESS, len);
	check_err("dbcn.write.hi_address", dbcn(DBCN_WRITE, len, (unsigned long)msg, 1),
		  SBI_ERR_INVALID_PARAM);
	check_err("dbcn.write.bad_address", dbcn(DBCN_WRITE, 4, UNMAPPED_GPA, 0),
		  SBI_ERR_INVALID_PARAM);
	check_ret("dbcn.write.empty", dbcn(DBCN_WRITE, 0, (unsigned long)msg, 0), SBI_SUCCESS, 0);
	check_ret("dbcn.write_byte", dbcn(DBCN_WRITE_BYTE, '\n', 0, 0), SBI_SUCCESS, 0);
	check_err("dbcn.read", dbcn(DBCN_READ, sizeof(buf), (unsigned long)buf, 0), SBI_ERR_DENIED);
	check_err("dbcn.unknown_fid", dbcn(3, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	check_eq("legacy.putchar", sbi_legacy(1, '\n'), SBI_SUCCESS);
	check_eq("legacy.getchar", sbi_legacy(2, 0), SBI_ERR_NOT_SUPPORTED);
}
