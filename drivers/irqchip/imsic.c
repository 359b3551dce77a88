/*
 * RISC-V IMSIC driver (`riscv,imsics`), S-level interrupt files only: the
 * M-level IMSIC that OpenSBI leaves in the tree (its harts' interrupts are
 * the M external interrupt, 11) is ignored.  A hart's file is programmed
 * through its own indirect CSRs (siselect/sireg): delivery on, threshold
 * off, identities 1..max enabled.  Which identity reaches which hart is
 * decided by whoever sends the MSIs (the APLIC), so nothing here has to
 * change when a line is retargeted.  Identities are claimed with stopei.
 */
#include <errno.h>
#include <stdio.h>
#include <libfdt.h>
#include <arch/asm.h>
#include <vmm/driver.h>
#include "aia.h"

#define IMSIC_EIDELIVERY	0x70
#define IMSIC_EITHRESHOLD	0x72
#define IMSIC_EIE0		0xc0
#define IMSIC_ID_SHIFT		16
#define IMSIC_MAX_IDS		2047

static unsigned int num_ids;
static int file_index[VMM_MAX_CPUS];
uint64_t imsic_base;
unsigned int imsic_guest_bits;

bool imsic_is_s_level(const void *fdt, int node)
{
	int idx[VMM_MAX_CPUS];

	return aia_hart_indexes(fdt, node, idx) == IRQ_S_EXT;
}

int imsic_setup(const void *fdt, int node)
{
	const fdt32_t *p;
	uint64_t base;
	unsigned int harts = 0;

	if (num_ids)
		return 0;
	if (fdt_node_check_compatible(fdt, node, "riscv,imsics") ||
	    aia_hart_indexes(fdt, node, file_index) != IRQ_S_EXT)
		return -ENODEV;
	if (fdt_node_reg(fdt, node, 0, &base, NULL))
		return -EINVAL;
	p = fdt_getprop(fdt, node, "riscv,num-ids", NULL);
	if (!p || fdt32_to_cpu(*p) < 63 || fdt32_to_cpu(*p) > IMSIC_MAX_IDS)
		return -EINVAL;
	num_ids = fdt32_to_cpu(*p);
	imsic_base = base;
	p = fdt_getprop(fdt, node, "riscv,guest-index-bits", NULL);
	imsic_guest_bits = p && fdt32_to_cpu(*p) <= 6 ? fdt32_to_cpu(*p) : 0;
	imsic_guest_probe();
	for (unsigned int c = 0; c < vmm_cpu_count; c++)
		harts += file_index[c] >= 0;
	printf("INIT: imsic: %u ids, S-level files of %u hart(s) at 0x%llx\n", num_ids, harts,
	       (unsigned long long)base);
	return 0;
}

unsigned int imsic_num_ids(void)
{
	return num_ids;
}

int imsic_hart_index(unsigned int cpu_id)
{
	return num_ids && cpu_id < VMM_MAX_CPUS ? file_index[cpu_id] : -1;
}

static void imsic_write(unsigned long reg, unsigned long val)
{
	csr_write(CSR_SISELECT, reg);
	csr_write(CSR_SIREG, val);
}

void imsic_init_cpu(unsigned int max_id)
{
	if (imsic_hart_index(this_cpu()->id) < 0)
		return;
	if (max_id >= num_ids)
		max_id = num_ids - 1;
	imsic_write(IMSIC_EIDELIVERY, 0);
	/* On RV64 each even eie register holds 64 identities. */
	for (unsigned int id = 0; id <= num_ids; id += 64) {
		unsigned long bits = 0;

		for (unsigned int b = 0; b < 64; b++)
			if ((id + b >= 1 && id + b <= max_id) || id + b == imsic_ipi_id())
				bits |= 1UL << b;
		imsic_write(IMSIC_EIE0 + id / 32, bits);
	}
	imsic_write(IMSIC_EITHRESHOLD, 0);
	imsic_write(IMSIC_EIDELIVERY, 1);
	csr_set(CSR_SIE, 1UL << IRQ_S_EXT);
	imsic_guest_init_cpu();
}

unsigned int imsic_claim(void)
{
	return (csr_swap(CSR_STOPEI, 0) >> IMSIC_ID_SHIFT) & IMSIC_MAX_IDS;
}

unsigned int imsic_ipi_id(void)
{
	return num_ids;
}

void imsic_send_ipi(struct vmm_cpu *cpu)
{
	int idx = imsic_hart_index(cpu->id);
	volatile uint32_t *seteipnum =
		(volatile uint32_t *)(imsic_base + ((uint64_t)idx << (12 + imsic_guest_bits)));

	/* The mailbox bits must be visible before the interrupt is. */
	__asm__ __volatile__("fence w, o" : : : "memory");
	*seteipnum = imsic_ipi_id();
}

void imsic_ipi_received(void)
{
	this_cpu()->ipi_count++;
	smp_handle_ipi();
}

static int imsic_probe(const void *fdt, int node)
{
	if (!imsic_is_s_level(fdt, node))
		return 0;
	return imsic_setup(fdt, node);
}

static const char *const imsic_compat[] = { "riscv,imsics", NULL };
VMM_DRIVER(imsic_driver) = {
	.name = "imsic",
	.compatible = imsic_compat,
	.stage = DRIVER_STAGE_IRQCHIP,
	.probe = imsic_probe,
};
