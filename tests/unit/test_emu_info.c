/*
 * Unit tests of the vminfo-0.1, simplefb-0.1 and zero emulators, found
 * through the emulator table and probed over a fake device tree (a small
 * property table) and a fake guest region lookup.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/timer.h>
#include "unit.h"

uint64_t timer_freq_hz = 0x123456789ULL;

struct fake_prop {
	const char *name;
	uint64_t val;
	const char *str;
};

static const struct fake_prop *props;

static const struct fake_prop *find_prop(const char *name)
{
	for (const struct fake_prop *p = props; p && p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

int devtree_path_read_u32(const char *path, const char *name, uint32_t *out)
{
	const struct fake_prop *p = find_prop(name);

	(void)path;
	if (!p || p->str)
		return -ENOENT;
	*out = (uint32_t)p->val;
	return 0;
}

int devtree_path_read_u64(const char *path, const char *name, uint64_t *out)
{
	const struct fake_prop *p = find_prop(name);

	(void)path;
	if (!p || p->str)
		return -ENOENT;
	*out = p->val;
	return 0;
}

const char *devtree_path_read_string(const char *path, const char *name)
{
	const struct fake_prop *p = find_prop(name);

	(void)path;
	return p ? p->str : NULL;
}

static struct guest_region ram = { .name = "mem0", .gpa = 0x80000000, .size = 0x10000000 };

struct guest_region *guest_region_find(struct guest *g, uint64_t gpa)
{
	(void)g;
	return gpa >= ram.gpa && gpa < ram.gpa + ram.size ? &ram : NULL;
}

VMM_TABLE_DECLARE(const struct emulator, vmm_emulators);

static const struct emulator *find_emu(const char *compat)
{
	vmm_table_foreach(const struct emulator, vmm_emulators, e)
		for (const char *const *c = e->compatible; *c; c++)
			if (!strcmp(*c, compat))
				return e;
	return NULL;
}

static struct guest test_guest = { .name = "guest0", .nvcpus = 2 };
static struct guest_region region = { .name = "dev", .node_path = "/guests/guest0/aspace/dev" };

static uint64_t rd(const struct emulator *e, void *priv, uint64_t off, unsigned int width)
{
	uint64_t v = 0xdeadbeef;

	CHECK_EQ(e->read(priv, off, width, &v), 0);
	return v;
}

UNIT_TEST(test_vminfo)
{
	static const struct fake_prop p[] = {
		{ "ram0_base", 0x80000000, NULL }, { "ram2_base", 0x88000000, NULL }, { NULL, 0, NULL }
	};
	const struct emulator *e = find_emu("vminfo-0.1");
	void *priv = NULL;
	uint64_t v;

	CHECK(e != NULL);
	if (!e)
		return;
	props = p;
	CHECK_EQ(e->probe(&test_guest, &region, &priv), 0);
	CHECK_EQ(rd(e, priv, 0x00, 4), 0xa4a297a6);
	CHECK_EQ(rd(e, priv, 0x04, 4), 0x52535658);
	CHECK_EQ(rd(e, priv, 0x08, 4), 1);
	CHECK_EQ(rd(e, priv, 0x0c, 4), 2);
	CHECK_EQ(rd(e, priv, 0x10, 4), 0xffffffff);
	CHECK_EQ(rd(e, priv, 0x18, 4), 0x1);
	CHECK_EQ(rd(e, priv, 0x1c, 4), 0x23456789);
	CHECK_EQ(rd(e, priv, 0x20, 4), 0x1);
	CHECK_EQ(rd(e, priv, 0x24, 4), 0x23456789);
	CHECK_EQ(rd(e, priv, 0x40, 4), 0);
	CHECK_EQ(rd(e, priv, 0x44, 4), 0x80000000);
	CHECK_EQ(rd(e, priv, 0x48, 4), 0);
	CHECK_EQ(rd(e, priv, 0x4c, 4), 0x10000000);
	CHECK_EQ(rd(e, priv, 0x54, 4), 0);	/* ram1 absent */
	CHECK_EQ(rd(e, priv, 0x5c, 4), 0);
	CHECK_EQ(rd(e, priv, 0x64, 4), 0x88000000);
	CHECK_EQ(rd(e, priv, 0x6c, 4), 0x08000000);	/* to the region's end */
	CHECK_EQ(rd(e, priv, 0x14, 4), 0);
	CHECK_EQ(rd(e, priv, 0x7c, 4), 0);
	CHECK_EQ(rd(e, priv, 0x00, 1), 0xa6);
	CHECK_EQ(rd(e, priv, 0x02, 2), 0xa4a2);
	CHECK_EQ(rd(e, priv, 0x00, 8), 0x52535658a4a297a6ULL);
	CHECK_EQ(e->read(priv, 0x80, 4, &v), -EINVAL);
	CHECK_EQ(e->read(priv, 0x02, 4, &v), -EINVAL);
	CHECK_EQ(e->write(priv, 0x0c, 4, 7), 0);
	CHECK_EQ(rd(e, priv, 0x0c, 4), 2);
	e->remove(priv);

	static const struct fake_prop p2[] = { { "boot_delay", 3, NULL }, { NULL, 0, NULL } };
	props = p2;
	CHECK_EQ(e->probe(&test_guest, &region, &priv), 0);
	CHECK_EQ(rd(e, priv, 0x10, 4), 3);
	CHECK_EQ(rd(e, priv, 0x44, 4), 0);
	CHECK_EQ(rd(e, priv, 0x4c, 4), 0);	/* no ram0_base: not GPA 0's region */
	e->remove(priv);
}

UNIT_TEST(test_simplefb)
{
	static const struct fake_prop p[] = {
		{ "base", 0x150000000ULL, NULL }, { "match_fbdev", 0, "fb0" }, { NULL, 0, NULL }
	};
	static const struct fake_prop p2[] = {
		{ "mode", 0, "a8r8g8b8" }, { "width", 640, NULL }, { "height", 480, NULL },
		{ "stride", 2560, NULL }, { NULL, 0, NULL }
	};
	const struct emulator *e = find_emu("simplefb-0.1");
	char mode[17] = "";
	void *priv = NULL;
	uint64_t v;

	CHECK(e != NULL);
	if (!e)
		return;
	props = p;
	CHECK_EQ(e->probe(&test_guest, &region, &priv), 0);
	CHECK_EQ(rd(e, priv, 0x00, 4), 0xa4a297a6);
	CHECK_EQ(rd(e, priv, 0x04, 4), 0x52535658);
	CHECK_EQ(rd(e, priv, 0x08, 4), 1);
	for (int i = 0; i < 16; i++)
		mode[i] = (char)rd(e, priv, 0x10 + 4 * i, 4);
	CHECK_STR(mode, "r5g6b5");
	CHECK_EQ(rd(e, priv, 0x50, 4), 1024);
	CHECK_EQ(rd(e, priv, 0x54, 4), 768);
	CHECK_EQ(rd(e, priv, 0x58, 4), 2048);
	CHECK_EQ(rd(e, priv, 0x5c, 4), 1);
	CHECK_EQ(rd(e, priv, 0x60, 4), 0x50000000);
	CHECK_EQ(e->read(priv, 0x80, 4, &v), -EINVAL);
	e->remove(priv);

	props = p2;
	CHECK_EQ(e->probe(&test_guest, &region, &priv), 0);
	for (int i = 0; i < 16; i++)
		mode[i] = (char)rd(e, priv, 0x10 + 4 * i, 4);
	CHECK_STR(mode, "a8r8g8b8");
	CHECK_EQ(rd(e, priv, 0x50, 4), 640);
	CHECK_EQ(rd(e, priv, 0x54, 4), 480);
	CHECK_EQ(rd(e, priv, 0x58, 4), 2560);
	CHECK_EQ(rd(e, priv, 0x5c, 4), 0);
	CHECK_EQ(rd(e, priv, 0x60, 4), 0);
	CHECK_EQ(e->read(priv, 0x5c, 8, &v), -EINVAL);	/* unaligned */
	e->remove(priv);
}

UNIT_TEST(test_zero)
{
	const struct emulator *e = find_emu("zero");
	void *priv = (void *)1;

	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_EQ(e->probe(&test_guest, &region, &priv), 0);
	CHECK_EQ(e->write(priv, 0x10, 8, ~0ULL), 0);
	CHECK_EQ(rd(e, priv, 0x10, 8), 0);
	CHECK_EQ(rd(e, priv, 0xfff, 1), 0);
	e->remove(priv);
}

UNIT_MAIN();
