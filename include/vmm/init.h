/*
 * The architecture-neutral part of start-up.  The architecture's entry
 * code brings up the boot hart (traps, SBI, host FDT, MMU, page allocator
 * and heap) and then calls vmm_main(); each secondary hart, once its own
 * low-level state is ready, calls vmm_secondary_main().
 */
#ifndef VMM_INIT_H
#define VMM_INIT_H

#include <vmm/smp.h>

void vmm_main(void) __attribute__((noreturn));
void vmm_secondary_main(struct vmm_cpu *cpu) __attribute__((noreturn));
/* Per-hart architecture set-up run on that hart (timer, IPIs, H CSRs). */
void arch_cpu_init_local(struct vmm_cpu *cpu);
/* Start the shell thread (core/shell/shell.c). */
int shell_start(void);

#endif
