/*
 * Host harts and the per-hart IPI mailbox.  A sender sets reason bits in
 * the target's mailbox and interrupts it (SBI IPI, or the IMSIC when the
 * host has one); the target's software-interrupt
 * handler consumes them: a reschedule request, or a function call posted
 * by smp_call_on() (used for remote TLB work and per-hart queries).
 */
#include <stdio.h>
#include <vmm/arch_smp.h>
#include <vmm/smp.h>
#include <vmm/thread.h>
#include <vmm/timer.h>

#define CALL_WARN_NS	1000000000ULL

struct vmm_cpu vmm_cpus[VMM_MAX_CPUS];
unsigned int vmm_cpu_count;
unsigned int vmm_boot_cpu;

struct vmm_cpu *cpu_by_hartid(unsigned long hartid)
{
	for (unsigned int i = 0; i < vmm_cpu_count; i++)
		if (vmm_cpus[i].hartid == hartid)
			return &vmm_cpus[i];
	return NULL;
}

static void (*ipi_sender)(struct vmm_cpu *cpu) = arch_send_ipi;
static const char *ipi_method = "sbi";

void smp_set_ipi_sender(void (*send)(struct vmm_cpu *cpu), const char *name)
{
	ipi_sender = send;
	ipi_method = name;
}

const char *smp_ipi_method(void)
{
	return ipi_method;
}

void smp_send_ipi(struct vmm_cpu *cpu, unsigned long reasons)
{
	__atomic_fetch_or(&cpu->ipi_pending, reasons, __ATOMIC_SEQ_CST);
	ipi_sender(cpu);
}

/* Run the call another hart posted to this one, if any. */
static void run_posted_call(struct vmm_cpu *self)
{
	if (!(__atomic_load_n(&self->ipi_pending, __ATOMIC_ACQUIRE) & IPI_CALL))
		return;
	__atomic_fetch_and(&self->ipi_pending, ~IPI_CALL, __ATOMIC_SEQ_CST);
	self->call_fn(self->call_arg);
	__atomic_store_n(&self->call_done, true, __ATOMIC_RELEASE);
}

/*
 * Interrupts stay masked throughout, so the caller cannot be preempted or
 * moved while it holds the target's call lock; while it waits it serves
 * calls posted to its own hart, so two harts calling each other (or a hart
 * calling one that waits with interrupts masked) cannot deadlock.  The
 * target cannot be abandoned (fn and arg may live on this stack), so a
 * target silent for CALL_WARN_NS is named once and waited for still: no
 * hart holds interrupts masked that long unless something is broken (guest
 * device work is done by worker threads, a budget at a time).
 */
void smp_call_on(struct vmm_cpu *cpu, void (*fn)(void *), void *arg)
{
	unsigned long flags = irq_save();
	struct vmm_cpu *self = this_cpu();
	bool warned = false;
	uint64_t start;

	if (cpu == self) {
		fn(arg);
		irq_restore(flags);
		return;
	}
	while (!spin_trylock(&cpu->call_lock))
		run_posted_call(self);
	cpu->call_fn = fn;
	cpu->call_arg = arg;
	cpu->call_done = false;
	smp_send_ipi(cpu, IPI_CALL);
	start = timer_ticks();
	while (!__atomic_load_n(&cpu->call_done, __ATOMIC_ACQUIRE)) {
		run_posted_call(self);
		if (!warned && timer_ticks() - start > timer_ns_to_ticks(CALL_WARN_NS)) {
			printf("smp: hart %u has not answered a cross call from hart %u for "
			       "1 s; still waiting\n", cpu->id, self->id);
			warned = true;
		}
	}
	spin_unlock(&cpu->call_lock);
	irq_restore(flags);
}

void smp_handle_ipi(void)
{
	struct vmm_cpu *cpu = this_cpu();
	unsigned long reasons = __atomic_exchange_n(&cpu->ipi_pending, 0, __ATOMIC_SEQ_CST);

	if (reasons & IPI_RESCHED)
		cpu->need_resched = true;
	if (reasons & IPI_CALL) {
		cpu->call_fn(cpu->call_arg);
		__atomic_store_n(&cpu->call_done, true, __ATOMIC_RELEASE);
	}
}
