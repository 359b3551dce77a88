/*
 * Handlers of the `host` command for page-level views of memory: `host ram
 * bitmap [<cols>]`, one character per host RAM page, and `host vapool
 * state|bitmap`, which say that the address pool is an identity map with
 * no per-page state.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/arch_host.h>
#include <vmm/cmd.h>
#include <vmm/page.h>
#include "cmd_host.h"

#define BITMAP_DEFAULT_COLS	64
#define BITMAP_MAX_COLS		256

static void print_bank(unsigned int idx, const struct page_bank_info *bi, unsigned int cols)
{
	char line[BITMAP_MAX_COLS + 1];
	uint64_t first = 0;
	int n;

	printf("Bank %u: %llu pages from 0x%016llx\n", idx, (unsigned long long)bi->pages,
	       (unsigned long long)bi->start);
	while ((n = page_state_map(idx, first, cols, line)) > 0) {
		line[n] = 0;
		printf("0x%016llx: %s\n", (unsigned long long)(bi->start + (first << PAGE_SHIFT)),
		       line);
		first += n;
	}
}

int cmd_host_ram_bitmap(int argc, char **argv)
{
	unsigned long cols = BITMAP_DEFAULT_COLS;
	struct page_bank_info bi;

	if (argc > 3 && (vmm_cmd_parse_ulong(argv[3], &cols) || !cols || cols > BITMAP_MAX_COLS)) {
		printf("Error: columns must be 1 to %u, not %s\n", BITMAP_MAX_COLS, argv[3]);
		return -EINVAL;
	}
	printf("One character per %u KiB page: '.' free, 'A' allocated, 'R' reserved\n",
	       (unsigned int)(PAGE_SIZE / 1024));
	for (unsigned int i = 0; !page_bank_get_info(i, &bi); i++)
		print_bank(i, &bi, cols);
	return 0;
}

int cmd_host_vapool_state(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	arch_print_vapool_info();
	printf("No per-page state: every address of the pool is always mapped\n");
	return 0;
}
