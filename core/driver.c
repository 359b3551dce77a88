/*
 * Host driver matching: walks the host device tree and probes each enabled
 * node against the vmm_drivers table, interrupt controllers first.  Also
 * small readers of `reg`, `interrupts` and the console choice shared by
 * drivers.
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <vmm/bootargs.h>
#include <vmm/driver.h>

VMM_TABLE_DECLARE(const struct vmm_driver, vmm_drivers);

bool fdt_node_enabled(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

static const struct vmm_driver *match(const void *fdt, int node, enum driver_stage stage)
{
	vmm_table_foreach(const struct vmm_driver, vmm_drivers, drv) {
		if (drv->stage != stage)
			continue;
		for (const char *const *c = drv->compatible; *c; c++)
			if (!fdt_node_check_compatible(fdt, node, *c))
				return drv;
	}
	return NULL;
}

const struct vmm_driver *driver_find(const void *fdt, int node)
{
	const struct vmm_driver *drv = NULL;

	for (int stage = 0; stage < DRIVER_STAGE_COUNT && !drv; stage++)
		drv = match(fdt, node, stage);
	return fdt_node_enabled(fdt, node) ? drv : NULL;
}

void drivers_probe(const void *fdt)
{
	for (int stage = 0; stage < DRIVER_STAGE_COUNT; stage++) {
		for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
		     node = fdt_next_node(fdt, node, NULL)) {
			const struct vmm_driver *drv;
			int rc;

			if (!fdt_node_enabled(fdt, node))
				continue;
			drv = match(fdt, node, stage);
			if (!drv)
				continue;
			rc = drv->probe(fdt, node);
			if (rc)
				printf("INIT: %s: probe of %s failed (error %d)\n", drv->name,
				       fdt_get_name(fdt, node, NULL), rc);
		}
	}
}

static int cells_of(const void *fdt, int node, const char *name, int dflt)
{
	const fdt32_t *p = fdt_getprop(fdt, node, name, NULL);

	return p ? (int)fdt32_to_cpu(*p) : dflt;
}

int fdt_node_reg(const void *fdt, int node, int idx, uint64_t *addr, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node), len;
	int ac = cells_of(fdt, parent, "#address-cells", 2);
	int sc = cells_of(fdt, parent, "#size-cells", 1);
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
	uint64_t a = 0, s = 0;

	if (!reg || ac < 1 || ac > 2 || sc < 0 || sc > 2 || (idx + 1) * (ac + sc) * 4 > len)
		return -1;
	reg += idx * (ac + sc);
	for (int i = 0; i < ac; i++)
		a = (a << 32) | fdt32_to_cpu(reg[i]);
	for (int i = 0; i < sc; i++)
		s = (s << 32) | fdt32_to_cpu(reg[ac + i]);
	*addr = a;
	if (size)
		*size = s;
	return 0;
}

unsigned int fdt_node_irq(const void *fdt, int node)
{
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupts", NULL);

	return p ? fdt32_to_cpu(*p) : 0;
}

static int resolve_path(const void *fdt, const char *path)
{
	char buf[128];
	const char *colon = strchr(path, ':');
	size_t n = colon ? (size_t)(colon - path) : strlen(path);
	const char *alias;

	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, path, n);
	buf[n] = '\0';
	if (buf[0] == '/')
		return fdt_path_offset(fdt, buf);
	alias = fdt_get_alias(fdt, buf);
	if (alias)
		return fdt_path_offset(fdt, alias);
	/* A plain node name such as serial@10000000. */
	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (!strcmp(fdt_get_name(fdt, node, NULL), buf))
			return node;
	return -1;
}

int fdt_console_node(const void *fdt, const char *bootargs)
{
	char value[128];
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *p;

	if (bootargs && bootargs_get(bootargs, "vmm.console", value, sizeof(value)) > 0)
		return resolve_path(fdt, value);
	if (chosen < 0)
		return -1;
	p = fdt_getprop(fdt, chosen, "console", NULL);
	if (!p)
		p = fdt_getprop(fdt, chosen, "stdout-path", NULL);
	return p ? resolve_path(fdt, p) : -1;
}
