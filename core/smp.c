/*
 * Host harts and the per-hart IPI mailbox.  A sender sets reason bits in
 * the target's mailbox and interrupts it (SBI IPI, or the IMSIC when the
 * host has one); the target's software-interrupt
 * handler consumes them: a reschedule request, or a function call posted
 * by smp_call_on() (used for remote TLB work and per-hart queries).
 */
#include <vmm/arch_smp.h>
#include <vmm/smp.h>
#include <vmm/thread.h>

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

void smp_call_on(struct vmm_cpu *cpu, void (*fn)(void *), void *arg)
{
	unsigned long flags;

	if (cpu == this_cpu()) {
		flags = irq_save();
		fn(arg);
		irq_restore(flags);
		return;
	}
	spin_lock(&cpu->call_lock);
	cpu->call_fn = fn;
	cpu->call_arg = arg;
	cpu->call_done = false;
	smp_send_ipi(cpu, IPI_CALL);
	while (!__atomic_load_n(&cpu->call_done, __ATOMIC_ACQUIRE))
		;
	spin_unlock(&cpu->call_lock);
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
