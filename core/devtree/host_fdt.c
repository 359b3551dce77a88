/*
 * Early parsing of the host device tree with libfdt, before any memory
 * allocator exists: RAM banks (`memory` nodes), reserved ranges (the
 * FDT's memory-reservation block and /reserved-memory children, which is
 * where OpenSBI declares its own firmware region), the harts under /cpus
 * with their hart ids and ISA, the time base and /chosen.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <vmm/host.h>
#include <vmm/host_ram.h>

struct host_info host_info;

static uint64_t read_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;

	while (cells-- > 0)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

static int root_cells(const void *fdt, const char *name, int dflt)
{
	const fdt32_t *p = fdt_getprop(fdt, 0, name, NULL);

	return p ? (int)fdt32_to_cpu(*p) : dflt;
}

static void add_ranges(const void *fdt, int node, struct host_range *tab, unsigned int *count,
		       unsigned int max)
{
	int ac = root_cells(fdt, "#address-cells", 2), sc = root_cells(fdt, "#size-cells", 1);
	int len, parent = fdt_parent_offset(fdt, node);
	const fdt32_t *reg;

	if (parent > 0) {
		const fdt32_t *p = fdt_getprop(fdt, parent, "#address-cells", NULL);

		if (p)
			ac = fdt32_to_cpu(*p);
		p = fdt_getprop(fdt, parent, "#size-cells", NULL);
		if (p)
			sc = fdt32_to_cpu(*p);
	}
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return;
	for (int i = 0; i + (ac + sc) * 4 <= len && *count < max; i += (ac + sc) * 4) {
		tab[*count].base = read_cells(reg + i / 4, ac);
		tab[*count].size = read_cells(reg + i / 4 + ac, sc);
		if (tab[*count].size)
			(*count)++;
	}
}

static void parse_memory(const void *fdt)
{
	int node;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (type && !strcmp(type, "memory"))
			add_ranges(fdt, node, host_info.mem, &host_info.mem_count, HOST_MAX_BANKS);
	}
	for (int i = 0; i < fdt_num_mem_rsv(fdt) && host_info.reserved_count < HOST_MAX_RESERVED;
	     i++) {
		uint64_t a, s;

		if (!fdt_get_mem_rsv(fdt, i, &a, &s) && s) {
			host_info.reserved[host_info.reserved_count].base = a;
			host_info.reserved[host_info.reserved_count++].size = s;
		}
	}
	node = fdt_path_offset(fdt, "/reserved-memory");
	if (node >= 0) {
		int child;

		fdt_for_each_subnode(child, fdt, node)
			add_ranges(fdt, child, host_info.reserved, &host_info.reserved_count,
				   HOST_MAX_RESERVED);
	}
}

static int parse_cpus(const void *fdt, unsigned long boot_hartid)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	const fdt32_t *tb;

	if (cpus < 0) {
		printf("Error: host device tree has no /cpus node\n");
		return -ENODEV;
	}
	tb = fdt_getprop(fdt, cpus, "timebase-frequency", NULL);
	host_info.timebase_hz = tb ? fdt32_to_cpu(*tb) : 10000000;
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *status = fdt_getprop(fdt, node, "status", NULL);
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", NULL);
		struct vmm_cpu *cpu;

		if (!type || strcmp(type, "cpu") || !reg)
			continue;
		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
			continue;
		if (vmm_cpu_count >= VMM_MAX_CPUS) {
			printf("INIT: more harts than CONFIG_MAX_CPUS=%d, ignoring the rest\n",
			       VMM_MAX_CPUS);
			break;
		}
		cpu = &vmm_cpus[vmm_cpu_count];
		cpu->id = vmm_cpu_count++;
		cpu->hartid = fdt32_to_cpu(*reg);
		cpu->present = true;
		cpu->isa = fdt_getprop(fdt, node, "riscv,isa", NULL);
		cpu->fdt_node = node;
		if (cpu->hartid == boot_hartid)
			vmm_boot_cpu = cpu->id;
	}
	if (!cpu_by_hartid(boot_hartid)) {
		printf("Error: boot hart %lu is not in the host device tree\n", boot_hartid);
		return -ENODEV;
	}
	return 0;
}

static void parse_chosen(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/chosen"), len;
	const fdt32_t *p;

	if (node < 0)
		return;
	host_info.bootargs = fdt_getprop(fdt, node, "bootargs", NULL);
	host_info.bootcmd_list = fdt_getprop(fdt, node, "bootcmd", &len);
	host_info.bootcmd_list_len = host_info.bootcmd_list ? len : 0;
	host_info.stdout_path = fdt_getprop(fdt, node, "stdout-path", NULL);
	p = fdt_getprop(fdt, node, "linux,initrd-start", &len);
	if (p)
		host_info.initrd_start = read_cells(p, len / 4);
	p = fdt_getprop(fdt, node, "linux,initrd-end", &len);
	if (p)
		host_info.initrd_end = read_cells(p, len / 4);
}

/*
 * A boot loader that hands over an initrd commonly reserves it in the
 * memory-reservation block (as Linux boot loaders do, and the virt64 basic
 * firmware); that range is the initrd's, which setup reserves anyway, and
 * must not hide it from the RAM block device made of it.
 */
static void drop_initrd_reservation(void)
{
	uint64_t start = host_info.initrd_start, end = host_info.initrd_end;
	unsigned int i = 0;

	while (end > start && i < host_info.reserved_count) {
		struct host_range *r = &host_info.reserved[i];

		if (r->base >= start && r->size <= end - start && r->base - start <= end - start - r->size)
			*r = host_info.reserved[--host_info.reserved_count];
		else
			i++;
	}
}

int host_fdt_parse(const void *fdt, unsigned long boot_hartid)
{
	int rc = fdt_check_header(fdt);

	if (rc) {
		printf("Error: host device tree at %p is invalid: %s\n", fdt, fdt_strerror(rc));
		return -EINVAL;
	}
	host_info.fdt = fdt;
	host_info.fdt_size = fdt_totalsize(fdt);
	host_info.boot_hartid = boot_hartid;
	host_info.model = fdt_getprop(fdt, 0, "model", NULL);
	parse_memory(fdt);
	parse_chosen(fdt);
	drop_initrd_reservation();
	if (!host_info.mem_count) {
		printf("Error: host device tree has no memory node\n");
		return -ENOMEM;
	}
	return parse_cpus(fdt, boot_hartid);
}

uint64_t host_ram_total(void)
{
	uint64_t total = 0;

	for (unsigned int i = 0; i < host_info.mem_count; i++)
		total += host_info.mem[i].size;
	return total;
}

/* Whether [pa, pa + size) lies inside r; in offsets, so nothing wraps. */
static bool range_inside(uint64_t pa, uint64_t size, const struct host_range *r)
{
	return pa >= r->base && size <= r->size && pa - r->base <= r->size - size;
}

static bool range_overlaps(uint64_t pa, uint64_t size, const struct host_range *r)
{
	return size && r->size && pa <= r->base + (r->size - 1) && r->base <= pa + (size - 1);
}

bool host_ram_contains(uint64_t pa, uint64_t size)
{
	bool in_bank = false;

	if (size && pa + (size - 1) < pa)
		return false;
	for (unsigned int i = 0; i < host_info.mem_count && !in_bank; i++)
		in_bank = range_inside(pa, size, &host_info.mem[i]);
	for (unsigned int i = 0; i < host_info.reserved_count && in_bank; i++)
		in_bank = !range_overlaps(pa, size, &host_info.reserved[i]);
	return in_bank;
}
