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
	vcpu_irq_deassert(v, IRQ_VS_TIMER);
	if (deadline == UINT64_MAX) {
		timer_event_stop(&v->timer);
		return;
	}
	v->timer.fn = sbi_timer_expired;
	v->timer.priv = v;
	timer_event_start_at(&v->timer, deadline + v->guest->time_base);
}

void vcpu_timer_arm_wakeup(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (!vcpu_uses_sstc(v) || a->csrs.vstimecmp == UINT64_MAX)
		return;
	a->wakeup.fn = wakeup_expired;
	a->wakeup.priv = v;
	timer_event_start_at(&a->wakeup, a->csrs.vstimecmp + v->guest->time_base);
}

void vcpu_timer_stop_wakeup(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	timer_event_stop(&a->wakeup);
}

void vcpu_request_flush(struct vcpu *v, bool fence_i)
{
	struct vcpu_arch *a = v->arch;

	if (fence_i)
		a->flush_icache = true;
	a->flush_vvma = true;
	if (v == vcpu_current())
		return;
	/* Pairs with the fence between in_guest and the flushes at entry. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	arch_vcpu_kick(v);
	/*
	 * The fence must be done before the caller's SBI call returns: wait
	 * until a vCPU inside the guest on another hart has left it (it
	 * flushes before it enters again).  The kick interrupts it in the
	 * guest, where host interrupts are always taken, so this ends.
	 */
	while (__atomic_load_n(&v->in_guest, __ATOMIC_ACQUIRE) &&
	       __atomic_load_n(&a->flush_vvma, __ATOMIC_ACQUIRE))
		__asm__ __volatile__("nop");
}
