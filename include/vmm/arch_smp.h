/*
 * What the architecture provides to core/sched/smp.c: interrupting another hart
 * and starting a secondary hart.
 */
#ifndef VMM_ARCH_SMP_H
#define VMM_ARCH_SMP_H

struct vmm_cpu;

void arch_send_ipi(struct vmm_cpu *cpu);
int arch_cpu_start(struct vmm_cpu *cpu);

#endif
