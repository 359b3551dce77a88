/*
 * Local interrupt masking through sstatus.SIE, and the hart's wait for
 * an interrupt.
 */
#include <arch/asm.h>
#include <vmm/irqflags.h>

unsigned long irq_save(void)
{
	return csr_read_clear(CSR_SSTATUS, SSTATUS_SIE) & SSTATUS_SIE;
}

void irq_restore(unsigned long flags)
{
	csr_set(CSR_SSTATUS, flags & SSTATUS_SIE);
}

void irq_enable(void)
{
	csr_set(CSR_SSTATUS, SSTATUS_SIE);
}

void irq_disable(void)
{
	csr_clear(CSR_SSTATUS, SSTATUS_SIE);
}

void cpu_wait_for_interrupt(void)
{
	wfi();
}
