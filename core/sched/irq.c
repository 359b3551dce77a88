/*
 * Host IRQ registry: handler, name and per-hart counts for every host
 * interrupt line, plus the link to the one irq chip driver in use.  A line
 * without a handler is disabled at the chip when it fires, so a device the
 * hypervisor does not drive can never storm it.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/irq.h>
#include <vmm/smp.h>

struct irq_desc {
	const char *name;
	irq_handler_t handler;
	void *dev;
	struct vmm_cpu *target;
	uint64_t count[VMM_MAX_CPUS];
};

static struct irq_desc descs[HOST_IRQ_MAX];
static const struct irq_chip *chip;
static uint64_t spurious;

int irq_set_chip(const struct irq_chip *c)
{
	if (chip)
		return -EBUSY;
	chip = c;
	return 0;
}

const struct irq_chip *irq_get_chip(void)
{
	return chip;
}

int irq_register(unsigned int irq, const char *name, irq_handler_t handler, void *dev)
{
	if (!irq || irq >= HOST_IRQ_MAX || !handler)
		return -EINVAL;
	if (!chip)
		return -ENODEV;
	if (descs[irq].handler)
		return -EBUSY;
	descs[irq].name = name;
	descs[irq].dev = dev;
	descs[irq].target = &vmm_cpus[vmm_boot_cpu];
	descs[irq].handler = handler;
	chip->enable(irq, descs[irq].target);
	return 0;
}

void irq_dispatch(unsigned int irq)
{
	struct irq_desc *d = irq < HOST_IRQ_MAX ? &descs[irq] : NULL;

	if (!d || !d->handler) {
		spurious++;
		if (d && chip)
			chip->disable(irq);
		return;
	}
	d->count[this_cpu()->id]++;
	d->handler(irq, d->dev);
}

void irq_handle_external(void)
{
	if (chip)
		chip->handle();
}

void irq_init_cpu(void)
{
	if (chip && chip->init_cpu)
		chip->init_cpu();
}

void irq_print_stats(void)
{
	printf(" %-6s %-20s %-10s", "IRQ", "Name", "Chip");
	for (unsigned int c = 0; c < vmm_cpu_count; c++)
		printf(" CPU%-7u", c);
	printf("\n");
	for (unsigned int i = 0; i < HOST_IRQ_MAX; i++) {
		if (!descs[i].handler)
			continue;
		printf(" %-6u %-20s %-10s", i, descs[i].name, chip ? chip->name : "-");
		for (unsigned int c = 0; c < vmm_cpu_count; c++)
			printf(" %-10llu", (unsigned long long)descs[i].count[c]);
		printf("\n");
	}
	for (unsigned int c = 0; c < vmm_cpu_count; c++)
		printf(" CPU%u: IPI %llu (%s), timer %llu\n", c,
		       (unsigned long long)vmm_cpus[c].ipi_count, smp_ipi_method(),
		       (unsigned long long)vmm_cpus[c].timer_irq_count);
	printf(" Spurious: %llu\n", (unsigned long long)spurious);
}
