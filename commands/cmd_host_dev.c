/*
 * `host` subcommands about the host's hardware: its physical address
 * space (RAM banks, reserved ranges, the identity map), the `reg` ranges of
 * the devices in the host device tree, the one bus ("platform": enabled
 * device-tree nodes with a `compatible`, shown with the driver that matches
 * them) and the device classes the hypervisor registers (chardev,
 * blockdev, rtc, vserial, vdisk).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <vmm/arch_host.h>
#include <vmm/blockdev.h>
#include <vmm/chardev.h>
#include <vmm/cmd.h>
#include <vmm/devtree.h>
#include <vmm/driver.h>
#include <vmm/host.h>
#include <vmm/rtc.h>
#include <vmm/vdisk.h>
#include <vmm/vserial.h>
#include "cmd_host.h"

#define RULER	"-------------------------------------------------------------------------------"

static void print_range(const char *kind, uint64_t base, uint64_t size)
{
	printf(" %-10s 0x%016llx-0x%016llx %8llu KiB\n", kind, (unsigned long long)base,
	       (unsigned long long)(base + size - 1), (unsigned long long)(size >> 10));
}

int cmd_host_aspace_info(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s\n %-10s %-37s %12s\n%s\n", RULER, "Kind", "Host physical range", "Size",
	       RULER);
	for (unsigned int i = 0; i < host_info.mem_count; i++)
		print_range("RAM", host_info.mem[i].base, host_info.mem[i].size);
	for (unsigned int i = 0; i < host_info.reserved_count; i++)
		if (host_info.reserved[i].size)
			print_range("Reserved", host_info.reserved[i].base,
				    host_info.reserved[i].size);
	if (arch_vapool_size())
		print_range("Mapped", 0, arch_vapool_size());
	printf("%s\n", RULER);
	return 0;
}

/* Call fn for every enabled host node with a `compatible`, outside /guests. */
static void for_each_device(void (*fn)(const void *fdt, int node, void *arg), void *arg)
{
	const void *fdt = devtree_blob();
	int guests = fdt_path_offset(fdt, "/guests");

	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if (guests >= 0 && fdt_supernode_atdepth_offset(fdt, node, 1, NULL) == guests)
			continue;
		if (fdt_getprop(fdt, node, "compatible", NULL) && fdt_node_enabled(fdt, node))
			fn(fdt, node, arg);
	}
}

static void print_resources(const void *fdt, int node, void *arg)
{
	uint64_t base, size;

	(void)arg;
	for (int i = 0; !fdt_node_reg(fdt, node, i, &base, &size); i++)
		if (size)
			printf(" 0x%016llx-0x%016llx %s\n", (unsigned long long)base,
			       (unsigned long long)(base + size - 1),
			       fdt_get_name(fdt, node, NULL));
}

int cmd_host_resources(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s\n %-37s %s\n%s\n", RULER, "Host physical range", "Device", RULER);
	for_each_device(print_resources, NULL);
	printf("%s\n", RULER);
	return 0;
}

static void count_device(const void *fdt, int node, void *arg)
{
	(void)fdt;
	(void)node;
	(*(unsigned int *)arg)++;
}

int cmd_host_bus_list(int argc, char **argv)
{
	unsigned int n = 0;

	(void)argc;
	(void)argv;
	for_each_device(count_device, &n);
	printf("%s\n %-16s %s\n%s\n", RULER, "Bus", "Devices", RULER);
	printf(" %-16s %u\n", "platform", n);
	printf("%s\n", RULER);
	return 0;
}

static void print_device(const void *fdt, int node, void *arg)
{
	const struct vmm_driver *drv = driver_find(fdt, node);
	const char *compat = fdt_getprop(fdt, node, "compatible", NULL);

	(void)arg;
	printf(" %-32s %-16s %s\n", fdt_get_name(fdt, node, NULL), drv ? drv->name : "-",
	       compat);
}

int cmd_host_bus_device_list(int argc, char **argv)
{
	(void)argc;
	if (strcmp(argv[2], "platform")) {
		printf("Error: no bus named %s\n", argv[2]);
		return -ENOENT;
	}
	printf("%s\n %-32s %-16s %s\n%s\n", RULER, "Device", "Driver", "Compatible", RULER);
	for_each_device(print_device, NULL);
	printf("%s\n", RULER);
	return 0;
}

/* A class walker calls show(name, arg) for each device of its class. */
typedef void (*show_fn)(const char *name, void *arg);

struct class_walk {
	show_fn show;
	void *arg;
};

static void chardev_one(struct chardev *cd, void *arg)
{
	struct class_walk *w = arg;

	w->show(cd->name, w->arg);
}

static void rtc_one(struct rtc_device *rtc, void *arg)
{
	struct class_walk *w = arg;

	w->show(rtc->name, w->arg);
}

static void vserial_one(struct vserial *vs, void *arg)
{
	struct class_walk *w = arg;

	w->show(vserial_name(vs), w->arg);
}

static void vdisk_one(struct vdisk *vd, void *arg)
{
	struct class_walk *w = arg;

	w->show(vdisk_name(vd), w->arg);
}

static void walk_chardev(struct class_walk *w)
{
	chardev_for_each(chardev_one, w);
}

static void walk_blockdev(struct class_walk *w)
{
	for (int i = 0; i < blockdev_count(); i++) {
		struct blockdev *d = blockdev_get(i);

		if (d)
			w->show(d->name, w->arg);
	}
}

static void walk_rtc(struct class_walk *w)
{
	rtc_for_each(rtc_one, w);
}

static void walk_vserial(struct class_walk *w)
{
	vserial_for_each(vserial_one, w);
}

static void walk_vdisk(struct class_walk *w)
{
	vdisk_for_each(vdisk_one, w);
}

static const struct {
	const char *name;
	void (*walk)(struct class_walk *w);
} classes[] = {
	{ "chardev", walk_chardev },	{ "blockdev", walk_blockdev },
	{ "rtc", walk_rtc },		{ "vserial", walk_vserial },
	{ "vdisk", walk_vdisk },
};

static void count_one(const char *name, void *arg)
{
	(void)name;
	(*(unsigned int *)arg)++;
}

int cmd_host_class_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s\n %-16s %s\n%s\n", RULER, "Class", "Devices", RULER);
	for (unsigned int i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		unsigned int n = 0;
		struct class_walk w = { count_one, &n };

		classes[i].walk(&w);
		printf(" %-16s %u\n", classes[i].name, n);
	}
	printf("%s\n", RULER);
	return 0;
}

static void print_one(const char *name, void *arg)
{
	(void)arg;
	printf(" %s\n", name);
}

int cmd_host_class_device_list(int argc, char **argv)
{
	struct class_walk w = { print_one, NULL };

	(void)argc;
	for (unsigned int i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strcmp(argv[2], classes[i].name))
			continue;
		printf("%s\n %s\n%s\n", RULER, "Device", RULER);
		classes[i].walk(&w);
		printf("%s\n", RULER);
		return 0;
	}
	printf("Error: no device class named %s\n", argv[2]);
	return -ENOENT;
}
