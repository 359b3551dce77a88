/*
 * The migration TLB check (`tlb`): with Sv39 on, VA TLB_VA maps page A and
 * is read (the hart caches the translation).  The host moves the vCPU to
 * another hart; there the guest points TLB_VA at page B and flushes with a
 * local sfence.vma.  The host moves it back: reading TLB_VA must give B,
 * which needs the hypervisor to flush the first hart's VS-stage TLB when
 * the vCPU returns.  The guest waits for a key (Enter) between the steps.
 * RAM and the devices are identity mapped with 1 GiB leaves.
 */
#include <stdio.h>

#include "hostile.h"

#define PTE_V		(1UL << 0)
#define PTE_RWX		(7UL << 1)
#define PTE_RW		(3UL << 1)
#define PTE_AD		(3UL << 6)
#define SATP_SV39	(8UL << 60)
#define TLB_VA		0xc0000000UL	/* root slot 3: nothing else there */
#define MARK_A		0xaaaa0001UL
#define MARK_B		0xbbbb0002UL

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t mid[512] __attribute__((aligned(4096)));
static uint64_t leaf[512] __attribute__((aligned(4096)));
static volatile uint64_t page_a[512] __attribute__((aligned(4096)));
static volatile uint64_t page_b[512] __attribute__((aligned(4096)));

static uint64_t pte(const volatile void *pa, uint64_t flags)
{
	return ((uint64_t)(unsigned long)pa >> 12) << 10 | flags | PTE_V;
}

static unsigned long read_va(void)
{
	return *(volatile unsigned long *)TLB_VA;
}

static void wait_key(void)
{
	while (uart_getc() != '\r')
		;
}

void tlb_run(void)
{
	unsigned long v;

	page_a[0] = MARK_A;
	page_b[0] = MARK_B;
	root[0] = pte((void *)0, PTE_RW | PTE_AD);		/* devices, NOR */
	root[2] = pte((void *)RAM_BASE, PTE_RWX | PTE_AD);	/* RAM */
	root[3] = pte(mid, 0);
	mid[0] = pte(leaf, 0);
	leaf[0] = pte(page_a, PTE_RW | PTE_AD);
	__asm__ volatile("fence rw, rw\n\tcsrw satp, %0\n\tsfence.vma" : :
			 "r"(SATP_SV39 | ((unsigned long)root >> 12)) : "memory");
	v = read_va();
	printf("TLB: ready 0x%lx\n", v);
	wait_key();
	leaf[0] = pte(page_b, PTE_RW | PTE_AD);
	__asm__ volatile("sfence.vma" : : : "memory");
	v = read_va();
	printf("TLB: remapped 0x%lx\n", v);
	wait_key();
	v = read_va();
	printf("TLB: back 0x%lx\n", v);
	check_reset();
	check_eq("tlb.back", (long)v, (long)MARK_B);
	check_summary();
	__asm__ volatile("csrw satp, zero\n\tsfence.vma" : : : "memory");
}
