/*
 * Hart bring-up and IPIs on RISC-V.  Secondary harts are started through
 * SBI HSM at _start_secondary with their stack top as the opaque value,
 * then join the scheduler; IPIs are SBI IPIs (supervisor software
 * interrupts).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <arch/asm.h>
#include <arch/sbi.h>
#include <vmm/arch_smp.h>
#include <vmm/smp.h>

void _start_secondary(void);

/* Read by harts waiting in head.S's pen: hart id + 1 and stack top. */
extern struct {
	unsigned long hartid_plus1;
	unsigned long stack_top;
} secondary_boot_table[VMM_MAX_CPUS];

void arch_set_this_cpu(struct vmm_cpu *cpu)
{
	__asm__ __volatile__("mv tp, %0" : : "r"(cpu));
}

void arch_send_ipi(struct vmm_cpu *cpu)
{
	sbi_send_ipi(1, cpu->hartid);
}

int arch_cpu_start(struct vmm_cpu *cpu)
{
	const unsigned long stack_size = 16384;
	char *stack = aligned_alloc(16, stack_size);
	int rc;

	if (!stack)
		return -ENOMEM;
	cpu->stack_top = stack + stack_size;
	secondary_boot_table[cpu->id].stack_top = (unsigned long)cpu->stack_top;
	__atomic_store_n(&secondary_boot_table[cpu->id].hartid_plus1, cpu->hartid + 1,
			 __ATOMIC_RELEASE);
	rc = sbi_hart_start(cpu->hartid, (unsigned long)_start_secondary,
			    (unsigned long)cpu->stack_top);
	if (rc) {
		printf("INIT: hart %lu failed to start (SBI error %d)\n", cpu->hartid, rc);
		free(stack);
		return -EIO;
	}
	return 0;
}
