/*
 * Argument classification for SBI calls whose valid values the spec
 * divides into ranges (defined, reserved, platform-specific): SRST reset
 * types and reasons, HSM suspend types.  These arguments are 32-bit
 * values (uint32_t in SBI v2.0): on RV64 the upper 32 bits of the
 * register are ignored.  Pure logic, unit tested on the
 * host; the extension files act on the verdict.
 */
#include "sbi_priv.h"

#define SRST_TYPE_WARM_REBOOT		2
#define SRST_REASON_SYSTEM_FAILURE	1

long sbi_srst_check(unsigned long type_reg, unsigned long reason_reg)
{
	uint32_t type = (uint32_t)type_reg, reason = (uint32_t)reason_reg;

	/*
	 * Types 3..0xEFFFFFFF and reasons 2..0xDFFFFFFF are reserved; the
	 * implementation- and vendor-specific ranges above them define
	 * nothing here, and the spec treats unimplemented ones as invalid.
	 */
	if (type > SRST_TYPE_WARM_REBOOT || reason > SRST_REASON_SYSTEM_FAILURE)
		return SBI_ERR_INVALID_PARAM;
	return SBI_SUCCESS;
}

long sbi_hsm_suspend_check(unsigned long type_reg, bool *retentive)
{
	uint32_t type = (uint32_t)type_reg;

	*retentive = type == SBI_HSM_SUSPEND_RET_DEFAULT;
	if (type == SBI_HSM_SUSPEND_RET_DEFAULT || type == SBI_HSM_SUSPEND_NONRET_DEFAULT)
		return SBI_SUCCESS;
	/* Reserved, or platform-specific and unimplemented. */
	return SBI_ERR_INVALID_PARAM;
}
