/*
 * RISC-V APLIC driver (`riscv,aplic`), the host irq chip on AIA machines.
 * Only the S-level interrupt domain is driven: the domain whose harts are
 * signalled with the S external interrupt (9), directly through
 * `interrupts-extended` or through an S-level IMSIC named by `msi-parent`;
 * the M-level root domain OpenSBI leaves in the tree is ignored.  With an
 * IMSIC the domain runs in MSI mode and forwards source N as identity N
 * to the target hart's interrupt file (claimed there with stopei); without
 * one it runs in direct mode and each hart claims from its IDC.  A source
 * is active and enabled only while a handler is registered for it; its
 * trigger mode comes from the `interrupts` of the devices wired to it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <libfdt.h>
#include <arch/asm.h>
#include <vmm/driver.h>
#include <vmm/irq.h>
#include "aia.h"

#define APLIC_DOMAINCFG		0x0000
#define APLIC_SOURCECFG(src)	(0x0004 + 4 * ((src) - 1))
#define APLIC_CLRIP(word)	(0x1d00 + 4 * (word))
#define APLIC_SETIENUM		0x1edc
#define APLIC_CLRIENUM		0x1fdc
#define APLIC_SETIPNUM_LE	0x2000
#define APLIC_TARGET(src)	(0x3004 + 4 * ((src) - 1))
#define APLIC_IDC(idx)		(0x4000 + 32 * (idx))
#define IDC_IDELIVERY		0x00
#define IDC_ITHRESHOLD		0x08
#define IDC_CLAIMI		0x1c

#define DOMAINCFG_IE		(1U << 8)
#define DOMAINCFG_DM		(1U << 2)
#define SM_INACTIVE		0
#define SM_EDGE_RISE		4
#define SM_EDGE_FALL		5
#define SM_LEVEL_HIGH		6
#define SM_LEVEL_LOW		7
#define TARGET_HART_SHIFT	18
#define TARGET_IPRIO		1
#define CLAIMI_ID_SHIFT		16
#define APLIC_MAX_SOURCES	1023

static volatile uint8_t *aplic_base;
static unsigned int aplic_nsrc;
static bool aplic_msi;
static int hart_index[VMM_MAX_CPUS];	/* IDC or IMSIC file index; -1 = none */
static uint8_t src_mode[HOST_IRQ_MAX];
static spinlock_t aplic_lock = SPINLOCK_INIT;

static volatile uint32_t *reg(unsigned long off)
{
	return (volatile uint32_t *)(aplic_base + off);
}

/*
 * A level-sensitive source in MSI mode sends one MSI per assertion; the
 * spec's remedy is writing its number to setipnum, which makes it pending
 * again only if still asserted.  QEMU 7.2 sets it pending unconditionally
 * (an endless MSI loop), so the input, which in_clrip reads back, is
 * checked first.
 */
static void aplic_retrigger(unsigned int irq)
{
	if (!aplic_msi || !irq || irq > aplic_nsrc || src_mode[irq] < SM_LEVEL_HIGH)
		return;
	if (*reg(APLIC_CLRIP(irq / 32)) & (1U << (irq % 32)))
		*reg(APLIC_SETIPNUM_LE) = irq;
}

static void aplic_enable(unsigned int irq, struct vmm_cpu *target)
{
	int idx = target ? hart_index[target->id] : -1;
	unsigned long flags;

	if (!irq || irq > aplic_nsrc)
		return;
	spin_lock_irqsave(&aplic_lock, flags);
	if (idx < 0) {
		*reg(APLIC_CLRIENUM) = irq;
	} else {
		*reg(APLIC_SOURCECFG(irq)) = src_mode[irq];
		*reg(APLIC_TARGET(irq)) = ((uint32_t)idx << TARGET_HART_SHIFT) |
					  (aplic_msi ? irq : TARGET_IPRIO);
		*reg(APLIC_SETIENUM) = irq;
		aplic_retrigger(irq);
	}
	spin_unlock_irqrestore(&aplic_lock, flags);
}

static void aplic_disable(unsigned int irq)
{
	if (irq && irq <= aplic_nsrc)
		*reg(APLIC_CLRIENUM) = irq;
}

static void aplic_direct_handle(void)
{
	int idx = hart_index[this_cpu()->id];
	uint32_t claim;

	if (idx < 0)
		return;
	while ((claim = *reg(APLIC_IDC(idx) + IDC_CLAIMI) >> CLAIMI_ID_SHIFT) != 0)
		irq_dispatch(claim);
}

static void aplic_direct_init_cpu(void)
{
	int idx = hart_index[this_cpu()->id];

	if (idx < 0)
		return;
	*reg(APLIC_IDC(idx) + IDC_ITHRESHOLD) = 0;
	*reg(APLIC_IDC(idx) + IDC_IDELIVERY) = 1;
	csr_set(CSR_SIE, 1UL << IRQ_S_EXT);
}

static void aplic_msi_handle(void)
{
	unsigned int id;

	while ((id = imsic_claim()) != 0) {
		if (id == imsic_ipi_id()) {
			imsic_ipi_received();
			continue;
		}
		irq_dispatch(id);
		aplic_retrigger(id);
	}
}

static void aplic_msi_init_cpu(void)
{
	imsic_init_cpu(aplic_nsrc);
}

static const struct irq_chip aplic_direct_chip = {
	.name = "aplic",
	.enable = aplic_enable,
	.disable = aplic_disable,
	.handle = aplic_direct_handle,
	.init_cpu = aplic_direct_init_cpu,
};

static const struct irq_chip aplic_msi_chip = {
	.name = "aplic-msi",
	.enable = aplic_enable,
	.disable = aplic_disable,
	.handle = aplic_msi_handle,
	.init_cpu = aplic_msi_init_cpu,
};

static uint8_t mode_of_dt_type(uint32_t type)
{
	switch (type) {
	case 1:
		return SM_EDGE_RISE;
	case 2:
		return SM_EDGE_FALL;
	case 8:
		return SM_LEVEL_LOW;
	default:
		return SM_LEVEL_HIGH;
	}
}

/* Trigger mode of each source from the `interrupts` (source, type) of the
 * nodes whose interrupt-parent is this domain; level-high otherwise. */
static void aplic_read_modes(const void *fdt, int node)
{
	uint32_t phandle = fdt_get_phandle(fdt, node);

	for (unsigned int src = 1; src <= aplic_nsrc; src++)
		src_mode[src] = SM_LEVEL_HIGH;
	for (int n = fdt_next_node(fdt, -1, NULL); phandle && n >= 0;
	     n = fdt_next_node(fdt, n, NULL)) {
		const fdt32_t *parent = fdt_getprop(fdt, n, "interrupt-parent", NULL);
		const fdt32_t *irqs;
		int len;

		if (!parent || fdt32_to_cpu(*parent) != phandle)
			continue;
		irqs = fdt_getprop(fdt, n, "interrupts", &len);
		for (int i = 0; irqs && i + 1 < len / 4; i += 2) {
			uint32_t src = fdt32_to_cpu(irqs[i]);

			if (src && src <= aplic_nsrc)
				src_mode[src] = mode_of_dt_type(fdt32_to_cpu(irqs[i + 1]));
		}
	}
}

/* Whether this is the S-level domain; *imsic becomes its MSI parent (or
 * -1, direct mode, and then hart_index gets the IDC of each hart). */
static bool aplic_is_s_level(const void *fdt, int node, int *imsic)
{
	const fdt32_t *p = fdt_getprop(fdt, node, "msi-parent", NULL);

	*imsic = p ? fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*p)) : -1;
	if (*imsic >= 0)
		return imsic_is_s_level(fdt, *imsic);
	return aia_hart_indexes(fdt, node, hart_index) == IRQ_S_EXT;
}

static int aplic_probe(const void *fdt, int node)
{
	const struct irq_chip *chip;
	const fdt32_t *p;
	uint32_t cfg;
	uint64_t base;
	int imsic, rc;

	if (irq_get_chip() || !aplic_is_s_level(fdt, node, &imsic))
		return 0;
	if (fdt_node_reg(fdt, node, 0, &base, NULL))
		return -EINVAL;
	p = fdt_getprop(fdt, node, "riscv,num-sources", NULL);
	if (!p || !fdt32_to_cpu(*p) || fdt32_to_cpu(*p) > APLIC_MAX_SOURCES)
		return -EINVAL;
	aplic_nsrc = fdt32_to_cpu(*p);
	if (aplic_nsrc >= HOST_IRQ_MAX)
		aplic_nsrc = HOST_IRQ_MAX - 1;
	aplic_msi = imsic >= 0;
	if (aplic_msi) {
		rc = imsic_setup(fdt, imsic);
		if (rc)
			return rc;
		/* The highest identity is the IMSIC's IPI. */
		if (aplic_nsrc >= imsic_num_ids())
			aplic_nsrc = imsic_num_ids() - 1;
		for (unsigned int c = 0; c < VMM_MAX_CPUS; c++)
			hart_index[c] = imsic_hart_index(c);
	}
	aplic_base = (volatile uint8_t *)base;
	*reg(APLIC_DOMAINCFG) = 0;
	for (unsigned int src = 1; src <= aplic_nsrc; src++)
		*reg(APLIC_SOURCECFG(src)) = SM_INACTIVE;
	aplic_read_modes(fdt, node);
	cfg = DOMAINCFG_IE | (aplic_msi ? DOMAINCFG_DM : 0);
	*reg(APLIC_DOMAINCFG) = cfg;
	if ((*reg(APLIC_DOMAINCFG) & (DOMAINCFG_IE | DOMAINCFG_DM)) != cfg)
		return -ENODEV;
	chip = aplic_msi ? &aplic_msi_chip : &aplic_direct_chip;
	rc = irq_set_chip(chip);
	if (rc)
		return rc;
	printf("INIT: aplic: %u sources at 0x%llx, %s delivery\n", aplic_nsrc,
	       (unsigned long long)base, aplic_msi ? "MSI" : "direct");
	chip->init_cpu();
	if (aplic_msi)
		smp_set_ipi_sender(imsic_send_ipi, "imsic");
	return 0;
}

static const char *const aplic_compat[] = { "riscv,aplic", NULL };
VMM_DRIVER(aplic_driver) = {
	.name = "aplic",
	.compatible = aplic_compat,
	.stage = DRIVER_STAGE_IRQCHIP,
	.probe = aplic_probe,
};
