/*
 * Trap handling of the hostile guest.  An exception is logged (cause,
 * stval, sepc) and the faulting instruction skipped, so an attack that the
 * hypervisor answers with a fault lets the guest go on.  A timer interrupt
 * counts a tick and rearms the timer when ticking, or disarms it; a
 * software interrupt clears sip.SSIP; any other interrupt is masked.
 */
#include "hostile.h"

volatile struct fault_log fault_log;
static uint64_t tick_period;

void fault_reset(void)
{
	fault_log.count = 0;
	fault_log.cause = 0;
	fault_log.tval = 0;
	fault_log.epc = 0;
}

void tick_start(uint64_t period)
{
	tick_period = period;
	sbi_set_timer(time_now() + period);
	irq_enable(IRQ_S_TIMER);
}

uint64_t time_now(void)
{
	return csr_read(time);
}

void irq_enable(unsigned long irq)
{
	csr_set(sie, 1UL << irq);
	csr_set(sstatus, SSTATUS_SIE);
}

void fw_trap(unsigned long scause, unsigned long sepc, unsigned long stval)
{
	unsigned long code = scause & ~SCAUSE_IRQ;

	if (scause & SCAUSE_IRQ) {
		fault_log.irqs++;
		if (code == IRQ_S_TIMER && tick_period) {
			fault_log.ticks++;
			sbi_set_timer(time_now() + tick_period);
		} else if (code == IRQ_S_TIMER) {
			sbi_set_timer(~0ULL);
		} else if (code == IRQ_S_SOFT) {
			csr_clear(sip, 1UL << IRQ_S_SOFT);
		} else {
			csr_clear(sie, 1UL << code);
		}
		return;
	}
	fault_log.count++;
	fault_log.cause = scause;
	fault_log.tval = stval;
	fault_log.epc = sepc;
	/* The MMU is off: sepc is readable, and its low bits give the length. */
	csr_write(sepc, sepc + ((*(volatile uint16_t *)sepc & 3) == 3 ? 4 : 2));
}
