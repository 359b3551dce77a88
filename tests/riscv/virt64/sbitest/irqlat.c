/*
 * Guest interrupt latency ("irqlat plic|aia"): the guest enables the
 * UART's THR-empty interrupt with an IER write (an emulated MMIO store)
 * and measures, in timebase ticks, from just before that store to the
 * trap handler's entry, averaged over IRQLAT_ROUNDS rounds and printed as
 * "BENCH irq_latency_<mode> <ticks>".  plic: the vPLIC (source 10, vCPU
 * 0's S context 1, claim/complete); aia: the vAPLIC in MSI mode sending
 * source 10 as identity 10 to the vCPU's IMSIC file (eidelivery/eie
 * through siselect/sireg, claim with stopei), whatever backs that file.
 * Each round claims, disables the UART interrupt again and completes.
 */
#include <stdio.h>
#include <string.h>

#include "sbitest.h"

#define IRQLAT_ROUNDS		50
#define IRQ_S_EXT		9
#define UART_IRQ		10
#define UART_IER		1
#define UART_IER_THRI		0x02
#define PLIC_BASE		0x0c000000UL
#define PLIC_CTX		1
#define PLIC_CLAIM		(PLIC_BASE + 0x200004 + 0x1000 * PLIC_CTX)
#define APLIC_BASE		0x0d000000UL
#define APLIC_SOURCECFG(s)	(APLIC_BASE + 0x4 + 4 * ((s) - 1))
#define APLIC_TARGET(s)		(APLIC_BASE + 0x3004 + 4 * ((s) - 1))
#define APLIC_SETIENUM		(APLIC_BASE + 0x1edc)
#define APLIC_DOMAINCFG_IE	(1U << 8)
#define APLIC_SM_LEVEL1		6
#define IMSIC_EIDELIVERY	0x70
#define IMSIC_EITHRESHOLD	0x72
#define IMSIC_EIE0		0xc0

static void wr32(unsigned long addr, uint32_t val)
{
	*(volatile uint32_t *)addr = val;
}

static void uart_ier(uint8_t val)
{
	*(volatile uint8_t *)(UART_BASE + UART_IER) = val;
}

static void imsic_write(unsigned long reg, unsigned long val)
{
	csr_write(0x150, reg);		/* siselect */
	csr_write(0x151, val);		/* sireg */
}

static void setup(bool aia)
{
	if (aia) {
		imsic_write(IMSIC_EIDELIVERY, 1);
		imsic_write(IMSIC_EITHRESHOLD, 0);
		imsic_write(IMSIC_EIE0, 1UL << UART_IRQ);
		wr32(APLIC_SOURCECFG(UART_IRQ), APLIC_SM_LEVEL1);
		wr32(APLIC_TARGET(UART_IRQ), UART_IRQ);		/* hart 0, EIID 10 */
		wr32(APLIC_SETIENUM, UART_IRQ);
		wr32(APLIC_BASE, APLIC_DOMAINCFG_IE);
	} else {
		wr32(PLIC_BASE + 4 * UART_IRQ, 1);
		wr32(PLIC_BASE + 0x2000 + 0x80 * PLIC_CTX, 1U << UART_IRQ);
		wr32(PLIC_BASE + 0x200000 + 0x1000 * PLIC_CTX, 0);
	}
}

static unsigned int claim(bool aia)
{
	unsigned long topei;

	if (!aia)
		return *(volatile uint32_t *)PLIC_CLAIM;
	__asm__ volatile("csrrw %0, 0x15c, zero" : "=r"(topei) : : "memory");	/* stopei */
	return (unsigned int)(topei >> 16);
}

void irqlat_run(const char *mode)
{
	bool aia = mode && !strcmp(mode, "aia");
	uint64_t total = 0, hundredths, t0;
	unsigned int id;

	if (!mode || (!aia && strcmp(mode, "plic"))) {
		printf("usage: irqlat plic|aia\n");
		return;
	}
	setup(aia);
	for (unsigned int i = 0; i < IRQLAT_ROUNDS; i++) {
		trap_reset();
		irq_enable(IRQ_S_EXT);
		t0 = time_now();
		uart_ier(UART_IER_THRI);
		if (!trap_wait(1, timebase_hz() / 10)) {
			irq_disable_all();
			uart_ier(0);
			printf("irqlat: no interrupt in round %u\n", i);
			return;
		}
		id = claim(aia);
		uart_ier(0);
		if (!aia)
			wr32(PLIC_CLAIM, id);
		if (trap_log.cause != (SCAUSE_IRQ | IRQ_S_EXT) || id != UART_IRQ) {
			irq_disable_all();
			printf("irqlat: cause 0x%lx, identity %u\n", trap_log.cause, id);
			return;
		}
		total += trap_log.time - t0;
	}
	irq_disable_all();
	hundredths = total * 100 / IRQLAT_ROUNDS;
	printf("BENCH irq_latency_%s %lu.%02lu\n", mode, (unsigned long)(hundredths / 100),
	       (unsigned long)(hundredths % 100));
	printf("BENCH done\n");
}
