/*
 * The `guest` command: listing guests, their life-cycle operations, and
 * looking at their memory and regions.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>

static const char ruler[] =
	"-------------------------------------------------------------------------------\n";

static void guest_usage(void)
{
	printf("Usage:\n");
	printf("   guest help\n");
	printf("   guest list\n");
	printf("   guest create|destroy|reset|kick|pause|resume|halt <guest_name>\n");
	printf("   guest dumpmem <guest_name> <gphys_addr> [<size>]\n");
	printf("   guest region_list <guest_name>\n");
	printf("   guest region <guest_name> <gphys_addr>\n");
}

static void list_one(struct guest *g, void *arg)
{
	(void)arg;
	printf(" %-6u %-17s %-13s %-39s\n", g->id, g->name, g->little_endian ? "little" : "big",
	       g->node_path);
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

static int region_list(struct guest *g)
{
	printf("%s", ruler);
	printf(" %-18s %-18s %-8s %-14s %s\n", "Guest Physical", "Size", "Type", "Emulator",
	       "Name");
	printf("%s", ruler);
	for (unsigned int i = 0; i < g->nregions; i++)
		print_region(&g->regions[i]);
	printf("%s", ruler);
	return 0;
}

static int region_show(struct guest *g, const char *addr)
{
	unsigned long gpa;
	struct guest_region *r;

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

static int dumpmem(struct guest *g, int argc, char **argv)
{
	unsigned long gpa, size = 64;
	unsigned char buf[16];

	if (vmm_cmd_parse_ulong(argv[3], &gpa) ||
	    (argc > 4 && vmm_cmd_parse_ulong(argv[4], &size))) {
		guest_usage();
		return -EINVAL;
	}
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

static int lifecycle(const char *op, struct guest *g)
{
	static const struct {
		const char *op, *done;
		int (*fn)(struct guest *g);
	} ops[] = {
		{ "reset", "Reset", guest_reset },	{ "kick", "Kicked", guest_kick },
		{ "pause", "Paused", guest_pause },	{ "resume", "Resumed", guest_resume },
		{ "halt", "Halted", guest_halt },
	};

	for (unsigned int i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		int rc;

		if (strcmp(op, ops[i].op))
			continue;
		rc = ops[i].fn(g);
		if (rc)
			printf("%s: Failed to %s\n", g->name, op);
		else
			printf("%s: %s\n", g->name, ops[i].done);
		return rc;
	}
	guest_usage();
	return -EINVAL;
}

static bool is_subcommand(const char *s)
{
	static const char *const subs[] = {
		"create", "destroy", "reset", "kick", "pause", "resume", "halt",
		"dumpmem", "region_list", "region",
	};

	for (unsigned int i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(s, subs[i]))
			return true;
	return false;
}

static int guest_exec(int argc, char **argv)
{
	struct guest *g;

	if (argc == 2 && !strcmp(argv[1], "list")) {
		printf("%s", ruler);
		printf(" %-6s %-17s %-13s %-39s\n", "ID", "Name", "Endianness", "Device Path");
		printf("%s", ruler);
		guest_for_each(list_one, NULL);
		printf("%s", ruler);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "help")) {
		guest_usage();
		return 0;
	}
	if (argc < 3) {
		guest_usage();
		return -EINVAL;
	}
	if (!is_subcommand(argv[1])) {
		guest_usage();
		return -EINVAL;
	}
	if (argc == 3 && !strcmp(argv[1], "create"))
		return guest_create(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "destroy"))
		return guest_destroy(argv[2]);
	g = guest_find(argv[2]);
	if (!g) {
		printf("Error: no guest named %s\n", argv[2]);
		return -ENOENT;
	}
	if (argc == 3 && !strcmp(argv[1], "region_list"))
		return region_list(g);
	if (argc == 4 && !strcmp(argv[1], "region"))
		return region_show(g, argv[3]);
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "dumpmem"))
		return dumpmem(g, argc, argv);
	if (argc == 3)
		return lifecycle(argv[1], g);
	guest_usage();
	return -EINVAL;
}

VMM_CMD(guest_cmd) = {
	.name = "guest",
	.desc = "control commands for guest",
	.usage = guest_usage,
	.exec = guest_exec,
};
