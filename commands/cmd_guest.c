/*
 * The `guest` command: listing guests, their life-cycle operations, and
 * looking at their memory and regions.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>

static const char ruler[] =
	"-------------------------------------------------------------------------------\n";

static struct guest *find_guest(const char *name)
{
	struct guest *g = guest_find(name);

	if (!g)
		printf("Error: no guest named %s\n", name);
	return g;
}

static int guest_cmd_create(int argc, char **argv)
{
	(void)argc;
	return guest_create(argv[2]);
}

static int guest_cmd_destroy(int argc, char **argv)
{
	(void)argc;
	return guest_destroy(argv[2]);
}

static void list_one(struct guest *g, void *arg)
{
	(void)arg;
	printf(" %-6u %-17s %-13s %-39s\n", g->id, g->name, g->little_endian ? "little" : "big",
	       g->node_path);
}

static int guest_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s", ruler);
	printf(" %-6s %-17s %-13s %-39s\n", "ID", "Name", "Endianness", "Device Path");
	printf("%s", ruler);
	guest_for_each(list_one, NULL);
	printf("%s", ruler);
	return 0;
}

static const char *kind_name(const struct guest_region *r)
{
	static const char *const names[] = { "RAM", "ROM", "Virtual" };

	return names[r->kind];
}

static void print_region(const struct guest_region *r)
{
	printf(" 0x%016llx 0x%016llx %-8s %-14s %s\n", (unsigned long long)r->gpa,
	       (unsigned long long)r->size, kind_name(r), r->emu ? r->emu->name : "-", r->name);
}

static int region_list(int argc, char **argv)
{
	struct guest *g = find_guest(argv[2]);

	(void)argc;
	if (!g)
		return -ENOENT;
	printf("%s", ruler);
	printf(" %-18s %-18s %-8s %-14s %s\n", "Guest Physical", "Size", "Type", "Emulator",
	       "Name");
	printf("%s", ruler);
	for (unsigned int i = 0; i < g->nregions; i++)
		print_region(&g->regions[i]);
	printf("%s", ruler);
	return 0;
}

static int region_show(int argc, char **argv)
{
	struct guest *g = find_guest(argv[2]);
	const char *addr = argv[3];
	unsigned long gpa;
	struct guest_region *r;

	(void)argc;
	if (!g)
		return -ENOENT;
	if (vmm_cmd_parse_ulong(addr, &gpa)) {
		printf("Error: bad address %s\n", addr);
		return -EINVAL;
	}
	r = guest_region_find(g, gpa);
	if (!r) {
		printf("Error: no region of %s at 0x%lx\n", g->name, gpa);
		return -ENOENT;
	}
	print_region(r);
	printf(" node %s", r->node_path);
	for (unsigned int i = 0; i < r->nchunks; i++)
		printf("%s chunk 0x%llx-0x%llx -> host 0x%llx", i ? "," : "\n",
		       (unsigned long long)(r->gpa + r->chunks[i].off),
		       (unsigned long long)(r->gpa + r->chunks[i].off + r->chunks[i].size - 1),
		       (unsigned long long)r->chunks[i].hpa);
	printf("\n");
	return 0;
}

static int dumpmem(int argc, char **argv)
{
	struct guest *g = find_guest(argv[2]);
	unsigned long gpa, size = 64;
	unsigned char buf[16];

	if (!g)
		return -ENOENT;
	if (vmm_cmd_parse_ulong(argv[3], &gpa) ||
	    (argc > 4 && vmm_cmd_parse_ulong(argv[4], &size)))
		return VMM_CMD_BAD_ARGS;
	for (unsigned long off = 0; off < size; off += 16) {
		unsigned long n = size - off < 16 ? size - off : 16;

		if (guest_memory_read(g, gpa + off, buf, n) != (long)n) {
			printf("Error: 0x%lx is not guest RAM or ROM\n", gpa + off);
			return -EFAULT;
		}
		printf("0x%016lx:", gpa + off);
		for (unsigned long i = 0; i < n; i++)
			printf(" %02x", buf[i]);
		printf("%*s  ", (int)(16 - n) * 3, "");
		for (unsigned long i = 0; i < n; i++)
			printf("%c", isprint(buf[i]) ? buf[i] : '.');
		printf("\n");
	}
	return 0;
}

/* Run one life-cycle operation on the guest named by argv[2]. */
static int lifecycle(char **argv, int (*fn)(struct guest *g), const char *done)
{
	struct guest *g = find_guest(argv[2]);
	int rc;

	if (!g)
		return -ENOENT;
	rc = fn(g);
	if (rc)
		printf("%s: Failed to %s\n", g->name, argv[1]);
	else
		printf("%s: %s\n", g->name, done);
	return rc;
}

#define LIFECYCLE(op, fn, done) \
	static int guest_cmd_##op(int argc, char **argv) \
	{ \
		(void)argc; \
		return lifecycle(argv, fn, done); \
	}

LIFECYCLE(reset, guest_reset, "Reset")
LIFECYCLE(kick, guest_kick, "Kicked")
LIFECYCLE(pause, guest_pause, "Paused")
LIFECYCLE(resume, guest_resume, "Resumed")
LIFECYCLE(halt, guest_halt, "Halted")

static const struct vmm_subcmd guest_subcmds[] = {
	{ "list", 0, 0, guest_list, NULL },
	{ "create", 1, 1, guest_cmd_create, "<guest_name>" },
	{ "destroy", 1, 1, guest_cmd_destroy, "<guest_name>" },
	{ "reset", 1, 1, guest_cmd_reset, "<guest_name>" },
	{ "kick", 1, 1, guest_cmd_kick, "<guest_name>" },
	{ "pause", 1, 1, guest_cmd_pause, "<guest_name>" },
	{ "resume", 1, 1, guest_cmd_resume, "<guest_name>" },
	{ "halt", 1, 1, guest_cmd_halt, "<guest_name>" },
	{ "dumpmem", 2, 3, dumpmem, "<guest_name> <gphys_addr> [<size>]" },
	{ "region_list", 1, 1, region_list, "<guest_name>" },
	{ "region", 2, 2, region_show, "<guest_name> <gphys_addr>" },
};

VMM_CMD(guest_cmd) = {
	.name = "guest",
	.desc = "control commands for guest",
	VMM_SUBCMDS(guest_subcmds),
};
