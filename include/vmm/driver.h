/*
 * Host device drivers, matched by `compatible` against the host device
 * tree.  Each driver is one file that declares itself with
 * VMM_DRIVER; drivers_probe() walks the tree once per stage
 * (interrupt controllers first, then devices) and calls probe() for every
 * enabled node that matches.
 */
#ifndef VMM_DRIVER_H
#define VMM_DRIVER_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/table.h>

enum driver_stage {
	DRIVER_STAGE_IRQCHIP,
	DRIVER_STAGE_DEVICE,
	DRIVER_STAGE_COUNT,
};

struct vmm_driver {
	const char *name;
	const char *const *compatible;	/* NULL terminated */
	enum driver_stage stage;
	int (*probe)(const void *fdt, int node);
};

#define VMM_DRIVER(var) static const struct vmm_driver var VMM_TABLE_ENTRY(vmm_drivers)

void drivers_probe(const void *fdt);
/* The driver matching an enabled node (any stage), or NULL (for listings). */
const struct vmm_driver *driver_find(const void *fdt, int node);

/* Whether a node's `status` is absent, "okay" or "ok". */
bool fdt_node_enabled(const void *fdt, int node);
/* Address and size of the idx-th `reg` entry, using the parent's cells. */
int fdt_node_reg(const void *fdt, int node, int idx, uint64_t *addr, uint64_t *size);
/* First cell of `interrupts`, or 0 when absent. */
unsigned int fdt_node_irq(const void *fdt, int node);
/* Node that stdout-path / vmm.console names, or a negative value. */
int fdt_console_node(const void *fdt, const char *bootargs);

#endif
