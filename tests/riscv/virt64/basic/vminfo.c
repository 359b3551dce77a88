/*
 * The guest-platform information devices: vminfo at 0x10001000 (vCPU
 * count, boot delay, clock rates, RAM banks) and the simplefb control
 * registers at 0x10002000 (framebuffer mode).  Both are read-only u32
 * registers with 64-bit values split into high/low pairs.
 */
#include "basic.h"

#define VMINFO_BASE		0x10001000UL
#define SIMPLEFB_BASE		0x10002000UL
#define INFO_MAGIC		0xa4a297a6

#define VMINFO_VCPU_COUNT	0x0c
#define VMINFO_BOOT_DELAY	0x10
#define VMINFO_CLKSRC_HZ	0x18
#define VMINFO_RAM_BASE(n)	(0x40 + 0x10 * (n))
#define VMINFO_RAM_SIZE(n)	(0x48 + 0x10 * (n))
#define VMINFO_RAM_BANKS	4

#define SIMPLEFB_MODE		0x10
#define SIMPLEFB_MODE_CHARS	16
#define SIMPLEFB_WIDTH		0x50
#define SIMPLEFB_HEIGHT		0x54
#define SIMPLEFB_STRIDE		0x58
#define SIMPLEFB_FB_BASE	0x5c

static uint32_t reg32(uintptr_t base, unsigned int off)
{
	return *(volatile uint32_t *)(base + off);
}

static uint64_t reg64(uintptr_t base, unsigned int off)
{
	return ((uint64_t)reg32(base, off) << 32) | reg32(base, off + 4);
}

bool vminfo_present(void)
{
	return reg32(VMINFO_BASE, 0) == INFO_MAGIC;
}

uint32_t vminfo_vcpu_count(void)
{
	return vminfo_present() ? reg32(VMINFO_BASE, VMINFO_VCPU_COUNT) : 1;
}

uint32_t vminfo_boot_delay(void)
{
	return vminfo_present() ? reg32(VMINFO_BASE, VMINFO_BOOT_DELAY) : 0xffffffff;
}

uint64_t vminfo_clocksource_hz(void)
{
	return vminfo_present() ? reg64(VMINFO_BASE, VMINFO_CLKSRC_HZ) : 0;
}

uint64_t vminfo_ram_base(unsigned int bank)
{
	if (bank >= VMINFO_RAM_BANKS || !vminfo_present())
		return 0;
	return reg64(VMINFO_BASE, VMINFO_RAM_BASE(bank));
}

uint64_t vminfo_ram_size(unsigned int bank)
{
	if (bank >= VMINFO_RAM_BANKS || !vminfo_present())
		return 0;
	return reg64(VMINFO_BASE, VMINFO_RAM_SIZE(bank));
}

bool simplefb_read(struct basic_fb *fb)
{
	unsigned int i;

	if (reg32(SIMPLEFB_BASE, 0) != INFO_MAGIC)
		return false;
	for (i = 0; i < SIMPLEFB_MODE_CHARS; i++)
		fb->format[i] = (char)reg32(SIMPLEFB_BASE, SIMPLEFB_MODE + 4 * i);
	fb->format[SIMPLEFB_MODE_CHARS] = '\0';
	fb->width = reg32(SIMPLEFB_BASE, SIMPLEFB_WIDTH);
	fb->height = reg32(SIMPLEFB_BASE, SIMPLEFB_HEIGHT);
	fb->stride = reg32(SIMPLEFB_BASE, SIMPLEFB_STRIDE);
	fb->base = reg64(SIMPLEFB_BASE, SIMPLEFB_FB_BASE);
	return true;
}
