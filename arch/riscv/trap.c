/*
 * Host trap dispatch.  Interrupts go to the software-interrupt (IPI),
 * timer and external-interrupt handlers and may end in a reschedule;
 * an exception taken by the hypervisor itself is a bug: it prints the
 * frame and stops this hart.
 */
#include <stdio.h>
#include <arch/asm.h>
#include <arch/trap.h>
#include <arch/vcpu_aia.h>
#include <vmm/irq.h>
#include <vmm/smp.h>
#include <vmm/thread.h>
#include <vmm/timer.h>

void trap_vector(void);

void trap_init(void)
{
	csr_write(CSR_SSCRATCH, 0);
	csr_write(CSR_STVEC, (unsigned long)trap_vector);
}

void arch_handle_irq(unsigned long cause)
{
	struct vmm_cpu *cpu = this_cpu();

	cpu->irq_count++;
	switch (cause & ~SCAUSE_IRQ) {
	case IRQ_S_SOFT:
		csr_clear(CSR_SIP, 1UL << IRQ_S_SOFT);
		cpu->ipi_count++;
		smp_handle_ipi();
		break;
	case IRQ_S_TIMER:
		timer_events_handle();
		break;
	case IRQ_S_EXT:
		irq_handle_external();
		break;
	case IRQ_S_GEXT:
		vcpu_aia_handle_sgei();
		break;
	default:
		printf("hart %lu: unexpected interrupt %lu\n", cpu->hartid, cause & ~SCAUSE_IRQ);
		csr_clear(CSR_SIE, 1UL << (cause & ~SCAUSE_IRQ));
		break;
	}
}

static void dump_frame(const struct trap_frame *f)
{
	static const char *const names[32] = {
		"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
		"a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
		"s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
	};

	printf("  sepc 0x%016lx sstatus 0x%016lx\n", f->sepc, f->sstatus);
	printf("  scause 0x%016lx stval 0x%016lx\n", f->scause, f->stval);
	for (int i = 1; i < 32; i++)
		printf("  %4s 0x%016lx%s", names[i], f->regs[i], i % 3 == 0 ? "\n" : "");
	printf("\n");
}

void host_trap_handler(struct trap_frame *f)
{
	if (f->scause & SCAUSE_IRQ) {
		arch_handle_irq(f->scause);
		sched_irq_exit();
		return;
	}
	printf("\nHypervisor exception %lu on hart %lu in thread %s\n", f->scause,
	       this_cpu() ? this_cpu()->hartid : 0UL,
	       this_cpu() && this_cpu()->current ? this_cpu()->current->name : "boot");
	dump_frame(f);
	for (;;)
		wfi();
}
