/*
 * Argument classification for SBI calls whose valid values the spec
 * divides into ranges (defined, reserved, platform-specific): SRST reset
 * types and reasons, HSM suspend types.  Pure logic, unit tested on the
 * host; the extension files act on the verdict.
 */
#include "sbi_priv.h"

#define SRST_TYPE_WARM_REBOOT		2
#define SRST_REASON_SYSTEM_FAILURE	1

long sbi_srst_check(unsigned long type, unsigned long reason)
{
	/*
	 * Types 3..0xEFFFFFFF and reasons 2..0xDFFFFFFF are reserved; the
	 * implementation- and vendor-specific ranges above them define
	 * nothing here, and the spec treats unimplemented ones as invalid.
	 */
	if (type > SRST_TYPE_WARM_REBOOT || reason > SRST_REASON_SYSTEM_FAILURE)
		return SBI_ERR_INVALID_PARAM;
	return SBI_SUCCESS;
}

long sbi_hsm_suspend_check(unsigned long type, bool *retentive)
{
	*retentive = type == SBI_HSM_SUSPEND_RET_DEFAULT;
	if (type == SBI_HSM_SUSPEND_RET_DEFAULT || type == SBI_HSM_SUSPEND_NONRET_DEFAULT)
		return SBI_SUCCESS;
	/* Reserved (incl. >= 2^32) or platform-specific and unimplemented. */
	return SBI_ERR_INVALID_PARAM;
}
