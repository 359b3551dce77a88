/*
 * The current hart's struct vmm_cpu, kept in tp while the hypervisor runs
 * (set once per hart by arch_set_this_cpu).  Inline: the exit paths ask
 * for it several times per exit.
 */
#ifndef ARCH_THIS_CPU_H
#define ARCH_THIS_CPU_H

struct vmm_cpu;

static inline struct vmm_cpu *this_cpu(void)
{
	struct vmm_cpu *cpu;

	__asm__ __volatile__("mv %0, tp" : "=r"(cpu));
	return cpu;
}

#endif
