/*
 * Guest timers.  Guest time is host time minus the guest's creation time
 * (htimedelta).  A vCPU with Sstc owns vstimecmp directly; otherwise SBI
 * set_timer arms a host timer event that raises VSTIP when it expires.
 * A blocked Sstc vCPU gets a host timer event at its vstimecmp so that a
 * guest timer still wakes it while it is off the hart.
 */
#include <arch/asm.h>
#include <arch/vcpu_priv.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>

uint64_t vcpu_guest_time(struct vcpu *v)
{
	return timer_ticks() - v->guest->time_base;
}

/* Host time of a guest-time deadline, saturated: a far-future deadline
 * must not wrap around to the past and fire at once. */
static uint64_t host_deadline(struct vcpu *v, uint64_t deadline)
{
	uint64_t base = v->guest->time_base;

	return deadline > UINT64_MAX - base ? UINT64_MAX : deadline + base;
}

static void sbi_timer_expired(struct timer_event *ev)
{
	vcpu_irq_assert(ev->priv, IRQ_VS_TIMER);
}

static void wakeup_expired(struct timer_event *ev)
{
	struct vcpu *v = ev->priv;

	thread_wake(v->thread);
}

void vcpu_timer_set(struct vcpu *v, uint64_t deadline)
{
	struct vcpu_arch *a = v->arch;

	a->timer_deadline = deadline;
	if (vcpu_uses_sstc(v)) {
		a->csrs.vstimecmp = deadline;
		if (a->loaded)
			csr_write(CSR_VSTIMECMP, deadline);
		return;
	}
	/* v's own SBI call, its state on this hart: a timer interrupt that
	 * fired for the old deadline is withdrawn from hvip directly. */
	__atomic_fetch_and(&v->irq_pending, ~(1UL << IRQ_VS_TIMER), __ATOMIC_SEQ_CST);
	csr_clear(CSR_HVIP, 1UL << IRQ_VS_TIMER);
	if (deadline == UINT64_MAX) {
		timer_event_stop(&v->timer);
		return;
	}
	v->timer.fn = sbi_timer_expired;
	v->timer.priv = v;
	timer_event_start_at(&v->timer, host_deadline(v, deadline));
}

void vcpu_timer_arm_wakeup(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (!vcpu_uses_sstc(v) || a->csrs.vstimecmp == UINT64_MAX)
		return;
	a->wakeup.fn = wakeup_expired;
	a->wakeup.priv = v;
	timer_event_start_at(&a->wakeup, host_deadline(v, a->csrs.vstimecmp));
}

void vcpu_timer_stop_wakeup(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	timer_event_stop(&a->wakeup);
}
