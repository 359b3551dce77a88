/*
 * The `vminfo-0.1` emulator: read-only 32-bit registers telling the guest
 * about its VM (Xvisor layout): magic, vendor, version, vCPU count,
 * boot_delay (region property, default 0xffffffff), clocksource and
 * clockchip rates (the host timebase) and up to four RAM banks whose bases
 * come from the ram<n>_base properties and whose sizes are those of the
 * guest regions at these addresses (looked up at read time).  Other
 * offsets below 0x80 read 0, offsets from 0x80 are errors; writes are
 * ignored.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/timer.h>

#include "regs32.h"

#define VMINFO_MAGIC		0xa4a297a6
#define VMINFO_VENDOR		0x52535658	/* "XVSR" */
#define VMINFO_VERSION		1
#define VMINFO_RAM_BANKS	4
#define VMINFO_RAM_BASE		0x40	/* + 0x10 * n: base hi/lo, size hi/lo */
#define VMINFO_END		0x80

struct vminfo {
	struct guest *guest;
	uint32_t boot_delay;
	bool ram_present[VMINFO_RAM_BANKS];
	uint64_t ram_base[VMINFO_RAM_BANKS];
};

static uint64_t ram_size(struct vminfo *v, unsigned int n)
{
	struct guest_region *r;

	if (!v->ram_present[n])
		return 0;
	r = guest_region_find(v->guest, v->ram_base[n]);
	return r ? r->gpa + r->size - v->ram_base[n] : 0;
}

static uint32_t half(uint64_t v, uint64_t offset)
{
	return (offset & 4) ? (uint32_t)v : (uint32_t)(v >> 32);
}

/* A RAM bank register.  Out of line: the region lookup would make every
 * register read save registers. */
static __attribute__((noinline)) uint32_t ram_word(struct vminfo *v, uint64_t offset)
{
	unsigned int n = (unsigned int)(offset - VMINFO_RAM_BASE) / 0x10;

	if (offset & 8)
		return half(ram_size(v, n), offset);
	return v->ram_present[n] ? half(v->ram_base[n], offset) : 0;
}

static int vminfo_word(void *priv, uint64_t offset, uint32_t *word)
{
	struct vminfo *v = priv;

	if (offset >= VMINFO_END)
		return -EINVAL;
	switch (offset) {
	case 0x00:
		*word = VMINFO_MAGIC;
		return 0;
	case 0x04:
		*word = VMINFO_VENDOR;
		return 0;
	case 0x08:
		*word = VMINFO_VERSION;
		return 0;
	case 0x0c:
		*word = v->guest->nvcpus;
		return 0;
	case 0x10:
		*word = v->boot_delay;
		return 0;
	case 0x18 ... 0x24:	/* clocksource, then clockchip: hi/lo */
		*word = half(timer_freq_hz, offset);
		return 0;
	case VMINFO_RAM_BASE ... VMINFO_END - 4:
		*word = ram_word(v, offset);
		return 0;
	default:
		*word = 0;
		return 0;
	}
}

static int vminfo_read(void *priv, uint64_t offset, unsigned int width, uint64_t *val)
{
	return regs32_read(priv, vminfo_word, offset, width, val);
}

static int vminfo_write(void *priv, uint64_t offset, unsigned int width, uint64_t val)
{
	(void)priv;
	(void)width;
	(void)val;
	return offset < VMINFO_END ? 0 : -EINVAL;
}

static void vminfo_reset(void *priv)
{
	(void)priv;
}

static int vminfo_probe(struct guest *g, struct guest_region *r, void **priv)
{
	struct vminfo *v = calloc(1, sizeof(*v));
	char prop[16];

	if (!v)
		return -ENOMEM;
	v->guest = g;
	v->boot_delay = 0xffffffff;
	devtree_path_read_u32(r->node_path, "boot_delay", &v->boot_delay);
	for (unsigned int n = 0; n < VMINFO_RAM_BANKS; n++) {
		snprintf(prop, sizeof(prop), "ram%u_base", n);
		v->ram_present[n] = !devtree_path_read_u64(r->node_path, prop, &v->ram_base[n]);
	}
	*priv = v;
	return 0;
}

static void vminfo_remove(void *priv)
{
	free(priv);
}

static const char *const vminfo_compat[] = { "vminfo-0.1", NULL };

VMM_EMULATOR(vminfo_emu) = {
	.name = "vminfo",
	.compatible = vminfo_compat,
	.probe = vminfo_probe,
	.read = vminfo_read,
	.write = vminfo_write,
	.reset = vminfo_reset,
	.remove = vminfo_remove,
};
