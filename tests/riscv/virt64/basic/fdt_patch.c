/*
 * Patching the Linux device tree before the jump into the kernel: one memory
 * bank, /chosen (bootargs, initrd), /cpus with a cpu@i node and cpu-intc per
 * vCPU, the interrupts-extended wiring of the PLIC and of the IMSIC (S external
 * interrupt of each vCPU, vCPU k's file at index k) and the simple-framebuffer
 * mode.  Also the fdt_override_u32 edit.  Pure libfdt code, no MMIO.
 * mmu-type is "riscv,sv39", which every RV64 host with an MMU supports
 * (Xvisor hard-codes sv48).  Besides riscv,isa, each cpu node gets
 * riscv,isa-base and riscv,isa-extensions, which newer kernels prefer, and
 * riscv,cbom-block-size / riscv,cboz-block-size with Zicbom / Zicboz.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "basic_lib.h"

#define LINUX_MAX_VCPUS		64
#define OVERRIDE_GROW		0x1000

static int root_child(void *fdt, const char *name)
{
	int off = fdt_subnode_offset(fdt, 0, name);

	if (off == -FDT_ERR_NOTFOUND)
		off = fdt_add_subnode(fdt, 0, name);
	return off;
}

/* Store @v as @cells (1 or 2) big-endian cells; -1 when it does not fit. */
static int put_cells(fdt32_t *out, int cells, uint64_t v)
{
	if (cells == 1) {
		if (v >> 32)
			return -1;
		out[0] = cpu_to_fdt32((uint32_t)v);
		return 1;
	}
	out[0] = cpu_to_fdt32((uint32_t)(v >> 32));
	out[1] = cpu_to_fdt32((uint32_t)v);
	return 2;
}

static int next_memory_node(void *fdt, int after)
{
	return fdt_node_offset_by_prop_value(fdt, after, "device_type", "memory",
					     sizeof("memory"));
}

static int patch_memory(void *fdt, const struct linux_fdt_params *p)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	int off, extra, n, m, err;
	fdt32_t reg[4];
	char name[32];

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	n = put_cells(reg, ac, p->ram_base);
	m = put_cells(reg + ac, sc, p->ram_size);
	if (n < 0 || m < 0)
		return -FDT_ERR_BADVALUE;
	snprintf(name, sizeof(name), "memory@%" PRIx64, p->ram_base);

	off = next_memory_node(fdt, -1);
	if (off == -FDT_ERR_NOTFOUND) {
		off = fdt_add_subnode(fdt, 0, name);
		if (off < 0)
			return off;
		err = fdt_setprop_string(fdt, off, "device_type", "memory");
	} else if (off >= 0) {
		/* One bank only: drop every later memory node. */
		while ((extra = next_memory_node(fdt, off)) >= 0) {
			err = fdt_del_node(fdt, extra);
			if (err)
				return err;
		}
		err = fdt_set_name(fdt, off, name);
	} else {
		return off;
	}
	if (err)
		return err;
	return fdt_setprop(fdt, off, "reg", reg, (int)sizeof(fdt32_t) * (n + m));
}

static int patch_chosen(void *fdt, const struct linux_fdt_params *p)
{
	int off = root_child(fdt, "chosen"), err;

	if (off < 0)
		return off;
	err = fdt_setprop_string(fdt, off, "bootargs", p->bootargs);
	if (err || !p->initrd_size)
		return err;
	err = fdt_setprop_u64(fdt, off, "linux,initrd-start", p->initrd_start);
	if (!err)
		err = fdt_setprop_u64(fdt, off, "linux,initrd-end",
				      p->initrd_start + p->initrd_size);
	if (!err)
		err = fdt_add_mem_rsv(fdt, p->initrd_start, p->initrd_size);
	return err;
}

/* Remove the cpu@ nodes a previous run (or the source tree) left. */
static int drop_cpu_nodes(void *fdt, int cpus)
{
	int off, err;

	for (;;) {
		fdt_for_each_subnode(off, fdt, cpus) {
			if (!strncmp(fdt_get_name(fdt, off, NULL), "cpu@", 4))
				break;
		}
		if (off < 0)
			return off == -FDT_ERR_NOTFOUND ? 0 : off;
		err = fdt_del_node(fdt, off);
		if (err)
			return err;
	}
}

struct cpu_isa {
	char isa[320];
	char exts[384];
	int exts_len;
	uint32_t cbom_block, cboz_block;	/* 0: no such property */
};

static int add_cpu_intc(void *fdt, int cpu, uint32_t phandle)
{
	int intc = fdt_add_subnode(fdt, cpu, "interrupt-controller"), err;

	if (intc < 0)
		return intc;
	err = fdt_setprop_string(fdt, intc, "compatible", "riscv,cpu-intc");
	if (!err)
		err = fdt_setprop_empty(fdt, intc, "interrupt-controller");
	if (!err)
		err = fdt_setprop_u32(fdt, intc, "#interrupt-cells", 1);
	if (!err)
		err = fdt_setprop_u32(fdt, intc, "phandle", phandle);
	if (!err)
		err = fdt_setprop_u32(fdt, intc, "linux,phandle", phandle);
	return err;
}

static int add_cpu(void *fdt, int cpus, uint32_t i, const struct cpu_isa *ci)
{
	char name[16];
	int cpu, err;

	snprintf(name, sizeof(name), "cpu@%" PRIx32, i);
	cpu = fdt_add_subnode(fdt, cpus, name);
	if (cpu < 0)
		return cpu;
	err = fdt_setprop_string(fdt, cpu, "device_type", "cpu");
	if (!err)
		err = fdt_setprop_string(fdt, cpu, "compatible", "riscv");
	if (!err)
		err = fdt_setprop_u32(fdt, cpu, "reg", i);
	if (!err)
		err = fdt_setprop_string(fdt, cpu, "status", "okay");
	if (!err)
		err = fdt_setprop_string(fdt, cpu, "mmu-type", "riscv,sv39");
	if (!err)
		err = fdt_setprop_string(fdt, cpu, "riscv,isa", ci->isa);
	if (!err)
		err = fdt_setprop_string(fdt, cpu, "riscv,isa-base", "rv64i");
	if (!err)
		err = fdt_setprop(fdt, cpu, "riscv,isa-extensions", ci->exts, ci->exts_len);
	if (!err && ci->cbom_block)
		err = fdt_setprop_u32(fdt, cpu, "riscv,cbom-block-size", ci->cbom_block);
	if (!err && ci->cboz_block)
		err = fdt_setprop_u32(fdt, cpu, "riscv,cboz-block-size", ci->cboz_block);
	if (!err)
		err = add_cpu_intc(fdt, cpu, LINUX_CPU_PHANDLE_BASE + i);
	return err;
}

static int patch_cpus(void *fdt, const struct linux_fdt_params *p)
{
	struct cpu_isa ci;
	int cpus, err;
	uint32_t i;

	if (isa_build_string(&p->isa, ci.isa, sizeof(ci.isa)) < 0)
		return -FDT_ERR_NOSPACE;
	ci.exts_len = isa_build_extensions(&p->isa, ci.exts, sizeof(ci.exts));
	if (ci.exts_len < 0)
		return -FDT_ERR_NOSPACE;
	ci.cbom_block = p->isa.vendor && (p->isa.bits & (1ULL << ISA_EXT_ZICBOM)) ?
				p->isa.cbom_block : 0;
	ci.cboz_block = p->isa.vendor && (p->isa.bits & (1ULL << ISA_EXT_ZICBOZ)) ?
				p->isa.cboz_block : 0;

	cpus = root_child(fdt, "cpus");
	if (cpus < 0)
		return cpus;
	err = fdt_setprop_u32(fdt, cpus, "#address-cells", 1);
	if (!err)
		err = fdt_setprop_u32(fdt, cpus, "#size-cells", 0);
	if (!err)
		err = fdt_setprop_u32(fdt, cpus, "timebase-frequency", p->timebase_hz);
	if (!err)
		err = drop_cpu_nodes(fdt, cpus);
	/* New subnodes go in front of their siblings: add the last one first. */
	for (i = p->vcpu_count; !err && i-- > 0;)
		err = add_cpu(fdt, cpus, i, &ci);
	return err;
}

static int patch_plic(void *fdt, const struct linux_fdt_params *p)
{
	fdt32_t cells[4 * LINUX_MAX_VCPUS];
	int off = -1, err;
	uint32_t i;

	for (i = 0; i < p->vcpu_count; i++) {
		cells[4 * i + 0] = cpu_to_fdt32(LINUX_CPU_PHANDLE_BASE + i);
		cells[4 * i + 1] = cpu_to_fdt32(0xffffffff);
		cells[4 * i + 2] = cpu_to_fdt32(LINUX_CPU_PHANDLE_BASE + i);
		cells[4 * i + 3] = cpu_to_fdt32(9);
	}
	while ((off = fdt_node_offset_by_compatible(fdt, off, "riscv,plic0")) >= 0) {
		err = fdt_setprop(fdt, off, "interrupts-extended", cells,
				  (int)(sizeof(cells[0]) * 4 * p->vcpu_count));
		if (err)
			return err;
	}
	return off == -FDT_ERR_NOTFOUND ? 0 : off;
}

static int patch_imsic(void *fdt, const struct linux_fdt_params *p)
{
	fdt32_t cells[2 * LINUX_MAX_VCPUS];
	int off = -1, err;
	uint32_t i;

	for (i = 0; i < p->vcpu_count; i++) {
		cells[2 * i + 0] = cpu_to_fdt32(LINUX_CPU_PHANDLE_BASE + i);
		cells[2 * i + 1] = cpu_to_fdt32(9);
	}
	while ((off = fdt_node_offset_by_compatible(fdt, off, "riscv,imsics")) >= 0) {
		err = fdt_setprop(fdt, off, "interrupts-extended", cells,
				  (int)(sizeof(cells[0]) * 2 * p->vcpu_count));
		if (err)
			return err;
	}
	return off == -FDT_ERR_NOTFOUND ? 0 : off;
}

static int patch_fb(void *fdt, const struct basic_fb *fb)
{
	int off = -1, err;

	while ((off = fdt_node_offset_by_compatible(fdt, off, "simple-framebuffer")) >= 0) {
		err = fdt_setprop_string(fdt, off, "format", fb->format);
		if (!err)
			err = fdt_setprop_u32(fdt, off, "width", fb->width);
		if (!err)
			err = fdt_setprop_u32(fdt, off, "height", fb->height);
		if (!err)
			err = fdt_setprop_u32(fdt, off, "stride", fb->stride);
		if (err)
			return err;
	}
	return off == -FDT_ERR_NOTFOUND ? 0 : off;
}

int linux_fdt_patch(void *fdt, const struct linux_fdt_params *p)
{
	int err;

	if (p->vcpu_count < 1 || p->vcpu_count > LINUX_MAX_VCPUS)
		return -FDT_ERR_BADVALUE;
	err = fdt_check_header(fdt);
	if (!err)
		err = fdt_open_into(fdt, fdt, (int)fdt_totalsize(fdt) + LINUX_FDT_GROW);
	if (!err)
		err = patch_memory(fdt, p);
	if (!err)
		err = patch_chosen(fdt, p);
	if (!err)
		err = patch_cpus(fdt, p);
	if (!err)
		err = patch_plic(fdt, p);
	if (!err)
		err = patch_imsic(fdt, p);
	if (!err && p->fb)
		err = patch_fb(fdt, p->fb);
	return err;
}

int fdt_override_u32(void *fdt, const char *path_prop, uint32_t val)
{
	const char *slash = strrchr(path_prop, '/');
	char path[256];
	size_t len;
	int off, err;

	if (path_prop[0] != '/' || !slash[1])
		return -FDT_ERR_BADPATH;
	len = (size_t)(slash - path_prop);
	if (len >= sizeof(path))
		return -FDT_ERR_BADPATH;
	memcpy(path, path_prop, len);
	strcpy(path + len, len ? "" : "/");

	err = fdt_check_header(fdt);
	if (err)
		return err;
	off = fdt_path_offset(fdt, path);
	if (off < 0)
		return off;
	err = fdt_setprop_u32(fdt, off, slash + 1, val);
	if (err != -FDT_ERR_NOSPACE && err != -FDT_ERR_BADLAYOUT)
		return err;
	err = fdt_open_into(fdt, fdt, (int)fdt_totalsize(fdt) + OVERRIDE_GROW);
	if (err)
		return err;
	return fdt_setprop_u32(fdt, fdt_path_offset(fdt, path), slash + 1, val);
}
