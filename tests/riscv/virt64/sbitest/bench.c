/*
 * Micro-benchmarks, in timebase ticks per operation, printed as
 * "BENCH <name> <ticks>" (two decimals): an SBI ecall round trip
 * (BASE get_spec_version), an SBI TIME set_timer to a deadline that does
 * not expire, an emulated MMIO read (vminfo magic) and write (UART scratch
 * register), and the timer interrupt latency (from the set_timer deadline
 * to the trap handler's first time read, the guest waiting in WFI).
 */
#include <stdio.h>

#include "sbitest.h"

#define VMINFO_MAGIC		0x10001000UL
#define LATENCY_ROUNDS		20

static void report(const char *name, uint64_t ticks, unsigned int ops)
{
	uint64_t hundredths = ticks * 100 / ops;

	printf("BENCH %s %lu.%02lu\n", name, (unsigned long)(hundredths / 100),
	       (unsigned long)(hundredths % 100));
}

static void bench_ecall(unsigned int n)
{
	uint64_t t0 = time_now();

	for (unsigned int i = 0; i < n; i++)
		sbi_call(SBI_EXT_BASE, 0, 0, 0, 0, 0);
	report("sbi_ecall", time_now() - t0, n);
}

static void bench_set_timer(unsigned int n)
{
	uint64_t t0 = time_now(), far = t0 + 1000 * timebase_hz();

	for (unsigned int i = 0; i < n; i++)
		sbi_set_timer(far + i);
	report("sbi_set_timer", time_now() - t0, n);
	sbi_set_timer(UINT64_MAX);
}

static void bench_mmio_read(unsigned int n)
{
	volatile uint32_t *magic = (volatile uint32_t *)VMINFO_MAGIC;
	uint64_t t0 = time_now();

	for (unsigned int i = 0; i < n; i++)
		(void)*magic;
	report("mmio_read", time_now() - t0, n);
}

static void bench_mmio_write(unsigned int n)
{
	volatile uint8_t *scr = (volatile uint8_t *)(UART_BASE + UART_SCR);
	uint64_t t0 = time_now();

	for (unsigned int i = 0; i < n; i++)
		*scr = (uint8_t)i;
	report("mmio_write", time_now() - t0, n);
}

static void bench_timer_latency(void)
{
	uint64_t hz = timebase_hz(), total = 0, deadline;

	irq_enable(IRQ_S_TIMER);
	for (unsigned int i = 0; i < LATENCY_ROUNDS; i++) {
		trap_reset();
		deadline = time_now() + hz / 1000;
		sbi_set_timer(deadline);
		trap_wfi(1);
		total += trap_log.time - deadline;
	}
	irq_disable_all();
	report("timer_irq_latency", total, LATENCY_ROUNDS);
}

void bench_run(unsigned int iterations)
{
	bench_ecall(iterations);
	bench_set_timer(iterations);
	bench_mmio_read(iterations);
	bench_mmio_write(iterations);
	bench_timer_latency();
	printf("BENCH done\n");
}
