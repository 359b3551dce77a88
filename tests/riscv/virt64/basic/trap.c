/*
 * The firmware's trap handler: timer interrupts go to the timer, any other
 * interrupt is masked and reported, and an exception is reported with its
 * cause and address before the hart parks itself.
 */
#include <stdio.h>

#include "basic.h"

void fw_trap(unsigned long scause, unsigned long sepc, unsigned long stval)
{
	unsigned long code = scause & ~SCAUSE_IRQ;

	if (scause & SCAUSE_IRQ) {
		if (code == IRQ_S_TIMER) {
			timer_irq();
			return;
		}
		csr_clear(sie, 1UL << code);
		printf("Unexpected interrupt %lu masked\n", code);
		return;
	}
	printf("Unhandled exception: scause=0x%lx sepc=0x%lx stval=0x%lx\n", scause, sepc, stval);
	for (;;)
		wfi();
}
