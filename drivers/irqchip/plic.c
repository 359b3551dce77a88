/*
 * RISC-V PLIC driver (riscv,plic0 / sifive,plic-1.0.0).  Each hart's
 * S-mode context is found from `interrupts-extended` (the entries whose
 * interrupt is 9, the supervisor external interrupt); a source is routed
 * to exactly one hart by enabling it in that hart's context only.
 * Claim/complete happens in the external-interrupt entry of the hart.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <libfdt.h>
#include <arch/asm.h>
#include <vmm/driver.h>
#include <vmm/irq.h>
#include <vmm/smp.h>

#define PLIC_PRIORITY(src)	(4 * (src))
#define PLIC_ENABLE(ctx)	(0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx)	(0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)		(0x200004 + 0x1000 * (ctx))

static volatile uint8_t *plic_base;
static unsigned int plic_ndev;
static int hart_ctx[VMM_MAX_CPUS];	/* by logical cpu id; -1 = none */
static spinlock_t plic_lock = SPINLOCK_INIT;

static volatile uint32_t *reg(unsigned long off)
{
	return (volatile uint32_t *)(plic_base + off);
}

static void plic_enable(unsigned int irq, struct vmm_cpu *target)
{
	unsigned long flags;

	if (irq > plic_ndev)
		return;
	spin_lock_irqsave(&plic_lock, flags);
	*reg(PLIC_PRIORITY(irq)) = 1;
	for (unsigned int c = 0; c < vmm_cpu_count; c++) {
		volatile uint32_t *en;

		if (hart_ctx[c] < 0)
			continue;
		en = reg(PLIC_ENABLE(hart_ctx[c]) + 4 * (irq / 32));
		if (&vmm_cpus[c] == target)
			*en |= 1U << (irq % 32);
		else
			*en &= ~(1U << (irq % 32));
	}
	spin_unlock_irqrestore(&plic_lock, flags);
}

static void plic_disable(unsigned int irq)
{
	plic_enable(irq, NULL);
}

static void plic_handle(void)
{
	int ctx = hart_ctx[this_cpu()->id];
	uint32_t src;

	if (ctx < 0)
		return;
	while ((src = *reg(PLIC_CLAIM(ctx))) != 0) {
		irq_dispatch(src);
		*reg(PLIC_CLAIM(ctx)) = src;
	}
}

static void plic_init_cpu(void)
{
	int ctx = hart_ctx[this_cpu()->id];

	if (ctx < 0)
		return;
	*reg(PLIC_THRESHOLD(ctx)) = 0;
	csr_set(CSR_SIE, 1UL << IRQ_S_EXT);
}

static const struct irq_chip plic_chip = {
	.name = "plic",
	.enable = plic_enable,
	.disable = plic_disable,
	.handle = plic_handle,
	.init_cpu = plic_init_cpu,
};

static int plic_probe(const void *fdt, int node)
{
	const fdt32_t *p;
	uint64_t base;
	int len;

	if (irq_get_chip())
		return 0;
	if (fdt_node_reg(fdt, node, 0, &base, NULL))
		return -EINVAL;
	p = fdt_getprop(fdt, node, "riscv,ndev", NULL);
	plic_ndev = p ? fdt32_to_cpu(*p) : 31;
	if (plic_ndev >= HOST_IRQ_MAX)
		plic_ndev = HOST_IRQ_MAX - 1;
	for (unsigned int c = 0; c < VMM_MAX_CPUS; c++)
		hart_ctx[c] = -1;
	p = fdt_getprop(fdt, node, "interrupts-extended", &len);
	for (int i = 0; p && i < len / 8; i++) {
		int intc = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[2 * i]));
		int cpu_node = intc >= 0 ? fdt_parent_offset(fdt, intc) : -1;
		const fdt32_t *hart = cpu_node >= 0 ? fdt_getprop(fdt, cpu_node, "reg", NULL) : NULL;
		struct vmm_cpu *cpu = hart ? cpu_by_hartid(fdt32_to_cpu(*hart)) : NULL;

		if (cpu && fdt32_to_cpu(p[2 * i + 1]) == IRQ_S_EXT)
			hart_ctx[cpu->id] = i;
	}
	plic_base = (volatile uint8_t *)base;
	for (unsigned int src = 1; src <= plic_ndev; src++)
		plic_disable(src);
	printf("INIT: plic: %u sources at 0x%llx\n", plic_ndev, (unsigned long long)base);
	irq_set_chip(&plic_chip);
	plic_init_cpu();
	return 0;
}

static const char *const plic_compat[] = { "riscv,plic0", "sifive,plic-1.0.0", NULL };
VMM_DRIVER(plic_driver) = {
	.name = "plic",
	.compatible = plic_compat,
	.stage = DRIVER_STAGE_IRQCHIP,
	.probe = plic_probe,
};
