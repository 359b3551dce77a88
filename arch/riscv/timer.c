/*
 * The hart timer: the `time` counter and a one-shot compare, through the
 * Sstc stimecmp CSR when the hart has it and SBI TIME otherwise.
 */
#include <arch/asm.h>
#include <arch/cpu.h>
#include <arch/sbi.h>
#include <vmm/arch_timer.h>

uint64_t arch_timer_ticks(void)
{
	return csr_read(CSR_TIME);
}

void arch_timer_program(uint64_t deadline)
{
	if (host_cpu_has(ISA_EXT_SSTC))
		csr_write(CSR_STIMECMP, deadline);
	else
		sbi_set_timer(deadline);
}

void arch_timer_init_cpu(void)
{
	arch_timer_program(UINT64_MAX);
	csr_set(CSR_SIE, 1UL << IRQ_S_TIMER);
}
