/*
 * SBI DBCN extension (EID 0x4442434E): the debug console.  console_write
 * copies at most SBI_DBCN_MAX bytes per call from guest memory to the
 * guest's console and returns how many it wrote (the guest loops for the
 * rest); console_write_byte writes one; there is no SBI input, so
 * console_read is DENIED.
 */
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <vmm/guest.h>
#include <vmm/vcpu.h>
#include "sbi_priv.h"

enum {
	DBCN_CONSOLE_WRITE,
	DBCN_CONSOLE_READ,
	DBCN_CONSOLE_WRITE_BYTE,
};

#define SBI_DBCN_MAX	256

static long dbcn_write(struct vcpu *v, unsigned long len, unsigned long lo,
		       unsigned long hi, unsigned long *written)
{
	char buf[SBI_DBCN_MAX];
	long n;

	if (hi)
		return SBI_ERR_INVALID_PARAM;
	if (len > sizeof(buf))
		len = sizeof(buf);
	*written = 0;
	if (!len)
		return SBI_SUCCESS;
	n = guest_memory_read(v->guest, lo, buf, len);
	if (n <= 0)
		return SBI_ERR_INVALID_PARAM;
	guest_console_write(v->guest, buf, n);
	*written = n;
	return SBI_SUCCESS;
}

static void dbcn_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			const unsigned long *args, struct sbi_ret *ret)
{
	char c;

	(void)eid;
	switch (fid) {
	case DBCN_CONSOLE_WRITE:
		ret->error = dbcn_write(v, args[0], args[1], args[2], &ret->value);
		break;
	case DBCN_CONSOLE_READ:
		ret->error = SBI_ERR_DENIED;
		break;
	case DBCN_CONSOLE_WRITE_BYTE:
		c = (char)args[0];
		guest_console_write(v->guest, &c, 1);
		ret->error = SBI_SUCCESS;
		ret->value = 0;
		break;
	default:
		ret->error = SBI_ERR_NOT_SUPPORTED;
		break;
	}
}

VMM_SBI_EXT(sbi_ext_dbcn) = {
	.name = "dbcn",
	.eid_min = SBI_EXT_DBCN,
	.eid_max = SBI_EXT_DBCN,
	.handle = dbcn_handle,
};
