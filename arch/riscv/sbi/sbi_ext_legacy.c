/*
 * SBI v0.1 legacy calls (EIDs 0x00-0x08), answered in a0 only: set_timer,
 * console putchar/getchar, clear_ipi, send_ipi, the three remote fences
 * and shutdown.  Hart masks are passed by pointer: the guest word at that
 * address (read as a guest physical address, i.e. as seen with the MMU off
 * or identity mapped) is a mask relative to hart 0, and a null pointer
 * means every hart.  There is no SBI input, so getchar returns -2.
 */
#include <arch/asm.h>
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_arch.h>
#include <vmm/guest.h>
#include <vmm/vcpu.h>
#include "sbi_priv.h"

enum {
	LEGACY_SET_TIMER,
	LEGACY_PUTCHAR,
	LEGACY_GETCHAR,
	LEGACY_CLEAR_IPI,
	LEGACY_SEND_IPI,
	LEGACY_REMOTE_FENCE_I,
	LEGACY_REMOTE_SFENCE_VMA,
	LEGACY_REMOTE_SFENCE_VMA_ASID,
	LEGACY_SHUTDOWN,
};

/* Run fn on the vCPUs named by the mask that mask_ptr points to. */
static long legacy_for_each(struct vcpu *v, unsigned long mask_ptr,
			    void (*fn)(struct vcpu *target, void *arg), void *arg)
{
	unsigned long mask;

	if (!mask_ptr)
		return sbi_for_each_target(v, 0, SBI_HARTMASK_ALL, fn, arg);
	if (guest_memory_read(v->guest, mask_ptr, &mask, sizeof(mask)) != sizeof(mask))
		return SBI_ERR_INVALID_ADDRESS;
	return sbi_for_each_target(v, mask, 0, fn, arg);
}

static void legacy_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			  const unsigned long *args, struct sbi_ret *ret)
{
	struct sbi_fence_req fence = { v, SBI_PMU_FW_FENCE_I_SENT };
	char c;

	(void)fid;
	ret->legacy = true;
	ret->error = SBI_SUCCESS;
	switch (eid) {
	case LEGACY_SET_TIMER:
		vcpu_timer_set(v, args[0]);
		sbi_pmu_fw_count(v, SBI_PMU_FW_SET_TIMER);
		break;
	case LEGACY_PUTCHAR:
		c = (char)args[0];
		guest_console_write(v->guest, &c, 1);
		break;
	case LEGACY_GETCHAR:
		ret->error = SBI_ERR_NOT_SUPPORTED;
		break;
	case LEGACY_CLEAR_IPI:
		vcpu_irq_deassert(v, IRQ_VS_SOFT);
		break;
	case LEGACY_SEND_IPI:
		ret->error = legacy_for_each(v, args[0], sbi_ipi_raise, v);
		break;
	case LEGACY_REMOTE_SFENCE_VMA_ASID:
		fence.sent_event += 2;
		/* fall through */
	case LEGACY_REMOTE_SFENCE_VMA:
		fence.sent_event += 2;
		/* fall through */
	case LEGACY_REMOTE_FENCE_I:
		ret->error = legacy_for_each(v, args[0], sbi_rfence_flush, &fence);
		break;
	case LEGACY_SHUTDOWN:
		guest_request_reset(v->guest, false);
		ret->skip_writeback = true;
		break;
	}
}

VMM_SBI_EXT(sbi_ext_legacy) = {
	.name = "legacy",
	.eid_min = LEGACY_SET_TIMER,
	.eid_max = LEGACY_SHUTDOWN,
	.handle = legacy_handle,
};
