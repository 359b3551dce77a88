/*
 * A fake guest memory for virtqueue tests and the fuzzer: 64 KiB of RAM at
 * FAKE_RAM_BASE and 4 KiB of ROM at FAKE_ROM_BASE (readable, never
 * writable by a device), a 3 GiB region at FAKE_HUGE_BASE that range_ok()
 * accepts but whose copies fail (to test lengths beyond any real buffer
 * and copy failures), nothing else; plus helpers that lay out a split
 * queue and its descriptors in that RAM the way a driver would.
 */
#ifndef VQ_FAKE_MEM_H
#define VQ_FAKE_MEM_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <vmm/virtqueue.h>

/* A user may place RAM and ROM elsewhere by defining both bases first. */
#ifndef FAKE_RAM_BASE
#define FAKE_RAM_BASE	0x80000000ULL
#define FAKE_ROM_BASE	0x1000ULL
#endif
#define FAKE_RAM_SIZE	0x10000ULL
#define FAKE_ROM_SIZE	0x1000ULL
#define FAKE_HUGE_BASE	0x100000000ULL
#define FAKE_HUGE_SIZE	0xc0000000ULL

static uint8_t fake_ram[FAKE_RAM_SIZE];
static uint8_t fake_rom[FAKE_ROM_SIZE];

static uint8_t *fake_ptr(uint64_t gpa, uint64_t len, bool write)
{
	if (gpa >= FAKE_RAM_BASE && gpa - FAKE_RAM_BASE <= FAKE_RAM_SIZE &&
	    len <= FAKE_RAM_SIZE - (gpa - FAKE_RAM_BASE))
		return fake_ram + (gpa - FAKE_RAM_BASE);
	if (!write && gpa >= FAKE_ROM_BASE && gpa - FAKE_ROM_BASE <= FAKE_ROM_SIZE &&
	    len <= FAKE_ROM_SIZE - (gpa - FAKE_ROM_BASE))
		return fake_rom + (gpa - FAKE_ROM_BASE);
	return NULL;
}

static bool fake_range_ok(void *ctx, uint64_t gpa, uint64_t len, bool write)
{
	(void)ctx;
	if (gpa >= FAKE_HUGE_BASE && gpa - FAKE_HUGE_BASE <= FAKE_HUGE_SIZE &&
	    len <= FAKE_HUGE_SIZE - (gpa - FAKE_HUGE_BASE))
		return true;
	return fake_ptr(gpa, len, write) != NULL;
}

static int fake_read(void *ctx, uint64_t gpa, void *buf, uint64_t len)
{
	uint8_t *p = fake_ptr(gpa, len, false);

	(void)ctx;
	if (!p)
		return -EFAULT;
	memcpy(buf, p, len);
	return 0;
}

static int fake_write(void *ctx, uint64_t gpa, const void *buf, uint64_t len)
{
	uint8_t *p = fake_ptr(gpa, len, true);

	(void)ctx;
	if (!p)
		return -EFAULT;
	memcpy(p, buf, len);
	return 0;
}

static const struct vq_mem_ops fake_mem_ops = {
	.range_ok = fake_range_ok, .read = fake_read, .write = fake_write,
};

static void fake_put(uint64_t gpa, uint64_t v, unsigned int n)
{
	uint8_t *p = fake_ptr(gpa, n, true);

	for (unsigned int i = 0; p && i < n; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

static uint64_t fake_get(uint64_t gpa, unsigned int n)
{
	uint8_t *p = fake_ptr(gpa, n, false);
	uint64_t v = 0;

	while (p && n--)
		v = (v << 8) | p[n];
	return v;
}

static void fake_desc(uint64_t table, unsigned int i, uint64_t addr, uint32_t len, uint16_t flags,
		      uint16_t next)
{
	fake_put(table + 16ULL * i, addr, 8);
	fake_put(table + 16ULL * i + 8, len, 4);
	fake_put(table + 16ULL * i + 12, flags, 2);
	fake_put(table + 16ULL * i + 14, next, 2);
}

#endif
