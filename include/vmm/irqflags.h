/*
 * Masking interrupts on the local hart.  Implemented by the architecture on
 * the target (arch/riscv) and by a stub in host unit tests.
 */
#ifndef VMM_IRQFLAGS_H
#define VMM_IRQFLAGS_H

unsigned long irq_save(void);
void irq_restore(unsigned long flags);
void irq_enable(void);
void irq_disable(void);
/* Wait (with interrupts masked) until an interrupt is pending. */
void cpu_wait_for_interrupt(void);

#endif
