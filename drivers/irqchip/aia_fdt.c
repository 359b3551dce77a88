/*
 * Device-tree helper shared by the AIA drivers: which harts an APLIC
 * domain or an IMSIC serves, in `interrupts-extended` order (the order
 * that gives each hart its IDC or interrupt-file index), and at which
 * privilege level (S or M external interrupt).
 */
#include <errno.h>
#include <libfdt.h>
#include <arch/asm.h>
#include "aia.h"

#define IRQ_M_EXT	11

int aia_hart_indexes(const void *fdt, int node, int idx[VMM_MAX_CPUS])
{
	int len, level = -EINVAL;
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupts-extended", &len);

	for (unsigned int c = 0; c < VMM_MAX_CPUS; c++)
		idx[c] = -1;
	if (!p)
		return -ENOENT;
	for (int i = 0; i < len / 8; i++) {
		int intc = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[2 * i]));
		int cpu_node = intc >= 0 ? fdt_parent_offset(fdt, intc) : -1;
		const fdt32_t *hart = cpu_node >= 0 ? fdt_getprop(fdt, cpu_node, "reg", NULL) : NULL;
		struct vmm_cpu *cpu = hart ? cpu_by_hartid(fdt32_to_cpu(*hart)) : NULL;
		int irq = fdt32_to_cpu(p[2 * i + 1]);

		if ((irq != IRQ_S_EXT && irq != IRQ_M_EXT) || (level >= 0 && irq != level))
			return -EINVAL;
		level = irq;
		if (cpu)
			idx[cpu->id] = i;
	}
	return level;
}
