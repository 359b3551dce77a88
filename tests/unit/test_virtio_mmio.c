/*
 * Unit tests of the virtio-mmio transport with the virtio-blk back-end,
 * over a fake guest (one RAM region), a fake device tree and a RAM block
 * device: the identification registers and access widths, empty slots,
 * legacy queue setup through QueuePFN and a write then read through the
 * queue, interrupt status and acknowledge, a read-only backing refused
 * with an I/O error, a malformed ring setting DEVICE_NEEDS_RESET until
 * reset, and the modern layout's FEATURES_OK check and QueueReady.
 */
#include <errno.h>
#include <stdlib.h>
#include <vmm/blockdev.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/rbd.h>
#include "unit.h"
#include "../../emulators/virtio_dev.h"

#define RAM	0x80000000ULL
#define RAM_SIZE 0x10000ULL
#define DISK_SIZE 0x10000ULL

static uint8_t ram[RAM_SIZE] __attribute__((aligned(4096)));
static uint8_t disk[DISK_SIZE];
static struct guest guest;
static uint32_t cfg_type = 2, cfg_version = 1;
static const char *cfg_blkdev = "ram0";
static bool irq_level;

int devtree_path_offset(const char *path)
{
	(void)path;
	return 1;
}

int devtree_path_read_u32(const char *path, const char *name, uint32_t *out)
{
	(void)path;
	if (!strcmp(name, "virtio_type"))
		*out = cfg_type;
	else if (!strcmp(name, "virtio_version"))
		*out = cfg_version;
	else
		return -ENOENT;
	return 0;
}

int devtree_read_u32_array(int node, const char *name, uint32_t *out, int max)
{
	(void)node;
	(void)max;
	if (strcmp(name, "interrupts"))
		return -ENOENT;
	out[0] = 2;
	return 1;
}

const char *devtree_path_read_string(const char *path, const char *name)
{
	(void)path;
	return strcmp(name, "blkdev") ? NULL : cfg_blkdev;
}

struct guest_region *guest_region_find(struct guest *g, uint64_t gpa)
{
	struct guest_region *r = &g->regions[0];

	return gpa >= r->gpa && gpa - r->gpa < r->size ? r : NULL;
}

static long copy(uint64_t gpa, void *buf, uint64_t len, bool to_guest)
{
	if (gpa < RAM || gpa - RAM > RAM_SIZE || len > RAM_SIZE - (gpa - RAM))
		return -EFAULT;
	if (to_guest)
		memcpy(ram + (gpa - RAM), buf, len);
	else
		memcpy(buf, ram + (gpa - RAM), len);
	return (long)len;
}

long guest_memory_read(struct guest *g, uint64_t gpa, void *buf, uint64_t len)
{
	(void)g;
	return copy(gpa, buf, len, false);
}

long guest_memory_write(struct guest *g, uint64_t gpa, const void *buf, uint64_t len)
{
	(void)g;
	return copy(gpa, (void *)buf, len, true);
}

void guest_irq_set(struct guest *g, unsigned int irq, bool level)
{
	(void)g;
	CHECK_EQ(irq, 2);
	irq_level = level;
}

/* The worker thread, faked: a doorbell counts kicks and, unless a test
 * serves by hand, does all the work at once. */
static unsigned int kicks;
static bool serve_by_hand;

int virtio_worker_start(struct virtio_dev *vd)
{
	(void)vd;
	return 0;
}

void virtio_worker_kick(struct virtio_dev *vd)
{
	kicks++;
	while (!serve_by_hand && virtio_dev_serve_locked(vd))
		;
}

bool virtio_worker_stop(struct virtio_dev *vd)
{
	(void)vd;
	return true;
}

static const struct emulator *emu;
static void *dev;

static void setup(uint32_t type, uint32_t version)
{
	struct guest_region *r = &guest.regions[0];

	memset(ram, 0, sizeof(ram));
	strcpy(guest.name, "g0");
	strcpy(r->name, "virtio-blk0");
	r->kind = REGION_RAM;
	r->gpa = RAM;
	r->size = RAM_SIZE;
	guest.nregions = 1;
	cfg_type = type;
	cfg_version = version;
	if (!blockdev_find("ram0"))
		CHECK_EQ(rbd_create("ram0", (uint64_t)(uintptr_t)disk, DISK_SIZE), 0);
	emu = emulator_match("virtio,mmio");
	CHECK(emu != NULL);
	CHECK_EQ(emu->probe(&guest, r, &dev), 0);
}

static void teardown(void)
{
	emu->remove(dev);
}

static uint32_t rd(uint64_t off)
{
	uint64_t v = ~0ULL;

	CHECK_EQ(emu->read(dev, off, 4, &v), 0);
	return (uint32_t)v;
}

static void wr(uint64_t off, uint32_t v)
{
	CHECK_EQ(emu->write(dev, off, 4, v), 0);
}

static void put(uint64_t gpa, uint64_t v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++, v >>= 8)
		ram[gpa - RAM + i] = (uint8_t)v;
}

static uint64_t get(uint64_t gpa, unsigned int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | ram[gpa - RAM + n];
	return v;
}

/* Legacy ring of 8 at RAM + 0x1000: desc, avail at +0x80, used at +0x1000. */
#define DESC	(RAM + 0x1000)
#define AVAIL	(DESC + 0x80)
#define USED	(RAM + 0x2000)
#define REQ	(RAM + 0x8000)

static void legacy_start(void)
{
	wr(0x070, 1 | 2);
	wr(0x020, rd(0x010));
	wr(0x028, 4096);
	wr(0x030, 0);
	CHECK_EQ(rd(0x034), 128);
	wr(0x038, 8);
	wr(0x03c, 4096);
	wr(0x040, (uint32_t)(DESC >> 12));
	CHECK_EQ(rd(0x040), DESC >> 12);
	wr(0x070, 1 | 2 | 4);
}

/* Submit a 3-descriptor block request; returns the status byte. */
static uint8_t blk_request(uint32_t type, uint64_t sector, bool data_writable)
{
	static uint16_t idx;

	if (get(AVAIL + 2, 2) == 0)
		idx = 0;
	put(REQ, type, 4);
	put(REQ + 8, sector, 8);
	put(REQ + 0x400, 0xff, 1);
	put(DESC, REQ, 8);
	put(DESC + 8, 16, 4);
	put(DESC + 12, 1, 2);
	put(DESC + 14, 1, 2);
	put(DESC + 16, REQ + 0x100, 8);
	put(DESC + 24, 512, 4);
	put(DESC + 28, 1 | (data_writable ? 2 : 0), 2);
	put(DESC + 30, 2, 2);
	put(DESC + 32, REQ + 0x400, 8);
	put(DESC + 40, 1, 4);
	put(DESC + 44, 2, 2);
	put(AVAIL + 4 + 2 * (idx % 8), 0, 2);
	put(AVAIL + 2, ++idx, 2);
	wr(0x050, 0);
	CHECK_EQ(get(USED + 2, 2), idx);
	return (uint8_t)get(REQ + 0x400, 1);
}

UNIT_TEST(identification_and_widths)
{
	uint64_t v;

	setup(2, 1);
	CHECK_EQ(rd(0x000), 0x74726976);
	CHECK_EQ(rd(0x004), 1);
	CHECK_EQ(rd(0x008), 2);
	CHECK_EQ(rd(0x00c), 0x52535658);
	CHECK_EQ(emu->read(dev, 0x008, 1, &v), 0);
	CHECK_EQ(v, 2);
	CHECK_EQ(emu->read(dev, 0x001, 1, &v), 0);
	CHECK_EQ(v, 0x69);
	CHECK_EQ(emu->write(dev, 0x070, 1, 1), -EINVAL);
	CHECK_EQ(emu->write(dev, 0x072, 4, 1), -EINVAL);
	CHECK(rd(0x010) & (1U << 28));
	wr(0x014, 1);
	CHECK_EQ(rd(0x010), 0);
	CHECK_EQ(emu->read(dev, 0x100, 8, &v), 0);
	CHECK_EQ(v, DISK_SIZE / 512);
	CHECK_EQ(emu->read(dev, 0x101, 1, &v), 0);
	CHECK_EQ(v, (DISK_SIZE / 512) >> 8);
	teardown();
}

UNIT_TEST(empty_slot)
{
	setup(7, 1);
	CHECK_EQ(rd(0x000), 0x74726976);
	CHECK_EQ(rd(0x008), 0);
	CHECK_EQ(rd(0x010), 0);
	CHECK_EQ(rd(0x034), 0);
	wr(0x050, 0);
	teardown();
}

UNIT_TEST(legacy_write_then_read)
{
	setup(2, 1);
	legacy_start();
	for (int i = 0; i < 512; i++)
		ram[REQ + 0x100 - RAM + i] = (uint8_t)(i * 7);
	CHECK_EQ(blk_request(1, 3, false), 0);
	CHECK(!memcmp(disk + 3 * 512, ram + (REQ + 0x100 - RAM), 512));
	CHECK(irq_level);
	CHECK_EQ(rd(0x060), 1);
	wr(0x064, 1);
	CHECK(!irq_level);
	memset(ram + (REQ + 0x100 - RAM), 0, 512);
	CHECK_EQ(blk_request(0, 3, true), 0);
	CHECK_EQ(get(USED + 16, 4), 513);
	CHECK(!memcmp(disk + 3 * 512, ram + (REQ + 0x100 - RAM), 512));
	/* Past the end of the disk: an I/O error, the device carries on. */
	CHECK_EQ(blk_request(0, DISK_SIZE / 512, true), 1);
	CHECK_EQ(blk_request(99, 0, true), 2);
	CHECK_EQ(rd(0x070) & 64, 0);
	teardown();
}

UNIT_TEST(readonly_backing)
{
	setup(2, 1);
	blockdev_find("ram0")->readonly = true;
	legacy_start();
	CHECK_EQ(blk_request(1, 0, false), 1);
	CHECK_EQ(blk_request(0, 0, true), 0);
	blockdev_find("ram0")->readonly = false;
	teardown();
}

UNIT_TEST(malformed_ring_needs_reset)
{
	setup(2, 1);
	legacy_start();
	put(AVAIL + 4, 200, 2);		/* head out of range */
	put(AVAIL + 2, 1, 2);
	wr(0x050, 0);
	CHECK(rd(0x070) & 64);
	CHECK(rd(0x060) & 2);
	CHECK_EQ(get(USED + 2, 2), 0);
	wr(0x070, 0);
	CHECK_EQ(rd(0x070), 0);
	CHECK_EQ(rd(0x040), 0);
	CHECK(!irq_level);
	/* Rings outside guest RAM are refused at setup. */
	wr(0x038, 8);
	wr(0x040, 0x1000);
	CHECK(rd(0x070) & 64);
	teardown();
}

UNIT_TEST(modern_layout)
{
	setup(2, 2);
	CHECK_EQ(rd(0x004), 2);
	wr(0x014, 1);
	CHECK_EQ(rd(0x010), 1);		/* VIRTIO_F_VERSION_1 */
	wr(0x070, 1 | 2);
	wr(0x070, 1 | 2 | 8);
	CHECK_EQ(rd(0x070) & 8, 0);	/* without VERSION_1: refused */
	wr(0x024, 1);
	wr(0x020, 1);
	wr(0x070, 1 | 2 | 8);
	CHECK(rd(0x070) & 8);
	wr(0x030, 0);
	wr(0x038, 8);
	wr(0x080, (uint32_t)DESC);
	wr(0x084, (uint32_t)(DESC >> 32));
	wr(0x090, (uint32_t)AVAIL);
	wr(0x0a0, (uint32_t)USED);
	wr(0x044, 1);
	CHECK_EQ(rd(0x044), 1);
	wr(0x070, 1 | 2 | 8 | 4);
	CHECK_EQ(blk_request(1, 0, false), 0);
	CHECK_EQ(rd(0x070) & 64, 0);
	wr(0x044, 0);
	wr(0x0a0, 0x1000);
	wr(0x044, 1);
	CHECK(rd(0x070) & 64);
	teardown();
}

UNIT_MAIN();

/* A doorbell does no work; the worker serves a read of 128 KiB (the same
 * 32 KiB of guest RAM four times) a budget (64 KiB) at a time, and a reset
 * in the middle forgets the request. */
UNIT_TEST(doorbell_only_and_budget)
{
	struct virtio_dev *vd;

	setup(2, 1);
	vd = dev;
	legacy_start();
	serve_by_hand = true;
	put(REQ, 0, 4);
	put(REQ + 8, 0, 8);
	put(DESC, REQ, 8);
	put(DESC + 8, 16, 4);
	put(DESC + 12, 1, 2);
	put(DESC + 14, 1, 2);
	for (unsigned int i = 1; i <= 4; i++) {
		put(DESC + 16 * i, RAM + 0x8000, 8);
		put(DESC + 16 * i + 8, 0x8000, 4);
		put(DESC + 16 * i + 12, 1 | 2, 2);
		put(DESC + 16 * i + 14, i + 1, 2);
	}
	put(DESC + 80, RAM + 0x3000, 8);
	put(DESC + 88, 1, 4);
	put(DESC + 92, 2, 2);
	put(AVAIL + 4, 0, 2);
	put(AVAIL + 2, 1, 2);
	kicks = 0;
	wr(0x050, 0);
	CHECK_EQ(kicks, 1);
	CHECK_EQ(get(USED + 2, 2), 0);
	CHECK(virtio_dev_serve_locked(vd));
	CHECK_EQ(get(USED + 2, 2), 0);
	/* The disk is 64 KiB: the second budget reads past its end. */
	CHECK(!virtio_dev_serve_locked(vd));
	CHECK_EQ(get(USED + 2, 2), 1);
	CHECK_EQ(get(RAM + 0x3000, 1), 1);	/* VIRTIO_BLK_S_IOERR */
	/* Half-way reset: the request is dropped, nothing is left to do. */
	put(AVAIL + 4 + 2, 0, 2);
	put(AVAIL + 2, 2, 2);
	wr(0x050, 0);
	CHECK(virtio_dev_serve_locked(vd));
	wr(0x070, 0);
	CHECK(!virtio_dev_serve_locked(vd));
	serve_by_hand = false;
	teardown();
}
