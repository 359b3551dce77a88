/*
 * SBI STA extension (EID 0x535441): steal-time accounting.  A vCPU's
 * steal time is the time its thread waited on a run queue, runnable but
 * not running (thread.wait_ticks, kept by the scheduler); time blocked in
 * WFI or a suspend is not counted.  set_shmem registers a 64-byte record
 * in guest RAM, which is zeroed; from then on, each time the vCPU enters
 * the guest with more steal time than last written, sbi_sta_update()
 * writes it there: sequence made odd, steal (ns since the registration),
 * sequence made even.  preempted is always written 0 (it is advisory).
 * All-ones addresses stop the reporting, and so does a vCPU reset.
 */
#include <string.h>
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_arch.h>
#include <vmm/guest.h>
#include <vmm/timer.h>

#define SBI_EXT_STA		0x535441
#define STA_SET_SHMEM		0
#define STA_RECORD_SIZE		64
#define STA_OFF_SEQUENCE	0
#define STA_OFF_STEAL		8

static uint64_t steal_ns(struct vcpu *v)
{
	struct sbi_vcpu *s = &vcpu_arch(v)->sbi;

	return timer_ticks_to_ns(v->thread->wait_ticks - s->sta_base_ticks);
}

void sbi_sta_update(struct vcpu *v)
{
	struct sbi_vcpu *s = &vcpu_arch(v)->sbi;
	uint64_t steal = steal_ns(v);
	uint32_t seq = s->sta_seq + 1;

	if (steal == s->sta_steal)
		return;
	/* The guest does not run on this vCPU meanwhile; the sequence is
	 * for readers on other harts. */
	guest_memory_write(v->guest, s->sta_gpa + STA_OFF_SEQUENCE, &seq, sizeof(seq));
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	guest_memory_write(v->guest, s->sta_gpa + STA_OFF_STEAL, &steal, sizeof(steal));
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	seq++;
	guest_memory_write(v->guest, s->sta_gpa + STA_OFF_SEQUENCE, &seq, sizeof(seq));
	s->sta_seq = seq;
	s->sta_steal = steal;
}

static long sta_set_shmem(struct vcpu *v, unsigned long lo, unsigned long hi,
			  unsigned long flags)
{
	static const uint8_t zero[STA_RECORD_SIZE];
	struct sbi_vcpu *s = &vcpu_arch(v)->sbi;
	struct guest_region *r;

	if (flags)
		return SBI_ERR_INVALID_PARAM;
	if (lo == ~0UL && hi == ~0UL) {
		s->sta_on = false;
		return SBI_SUCCESS;
	}
	if (lo % STA_RECORD_SIZE)
		return SBI_ERR_INVALID_PARAM;
	r = guest_region_find(v->guest, lo);
	if (hi || !r || r->kind != REGION_RAM || lo - r->gpa > r->size - STA_RECORD_SIZE)
		return SBI_ERR_INVALID_ADDRESS;
	if (guest_memory_write(v->guest, lo, zero, sizeof(zero)) != sizeof(zero))
		return SBI_ERR_INVALID_ADDRESS;
	s->sta_gpa = lo;
	s->sta_seq = 0;
	s->sta_steal = 0;
	s->sta_base_ticks = v->thread->wait_ticks;
	s->sta_on = true;
	return SBI_SUCCESS;
}

static void sta_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
		       const unsigned long *args, struct sbi_ret *ret)
{
	(void)eid;
	ret->value = 0;
	if (fid != STA_SET_SHMEM) {
		ret->error = SBI_ERR_NOT_SUPPORTED;
		return;
	}
	ret->error = sta_set_shmem(v, args[0], args[1], args[2]);
}

VMM_SBI_EXT(sbi_ext_sta) = {
	.name = "sta",
	.eid_min = SBI_EXT_STA,
	.eid_max = SBI_EXT_STA,
	.handle = sta_handle,
};
