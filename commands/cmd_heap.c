/*
 * The "heap" command: "heap info" prints the heap counters one per line
 * (sizes in KiB and bytes) and "heap state" the free blocks per size class
 * followed by a full consistency check of the arena.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/heap.h>

static void cmd_heap_usage(void)
{
	printf("Usage:\n");
	printf("   heap info   - show heap usage\n");
	printf("   heap state  - show free blocks and check the heap\n");
}

static void print_size(const char *label, size_t n)
{
	printf("%-18s: %zu KiB (%zu bytes)\n", label, n / 1024, n);
}

static int heap_cmd_info(void)
{
	struct heap_stats st;

	heap_get_stats(&st);
	printf("%-18s: %p\n", "Base Address", st.base);
	print_size("Total Size", st.total);
	print_size("Used Size", st.used);
	print_size("Free Size", st.free);
	print_size("Largest Free Block", st.largest_free);
	printf("%-18s: %zu\n", "Allocated Objects", st.objects);
	printf("%-18s: %zu\n", "Free Blocks", st.free_blocks);
	printf("%-18s: %lu\n", "Errors Detected", st.errors);
	return 0;
}

static int heap_cmd_state(void)
{
	size_t counts[HEAP_NR_BINS];
	int rc;

	heap_free_histogram(counts);
	printf("Free blocks per size class:\n");
	for (unsigned int k = 0; k < HEAP_NR_BINS; k++)
		if (counts[k])
			printf("  %12zu bytes and up: %zu\n", (size_t)1 << k, counts[k]);
	rc = heap_check();
	printf("Consistency check : %s\n", rc ? "FAILED" : "OK");
	return rc;
}

static int cmd_heap_exec(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "info"))
		return heap_cmd_info();
	if (argc == 2 && !strcmp(argv[1], "state"))
		return heap_cmd_state();
	cmd_heap_usage();
	return argc == 2 && !strcmp(argv[1], "help") ? 0 : -EINVAL;
}

VMM_CMD(cmd_heap) = {
	.name = "heap",
	.desc = "heap commands",
	.usage = cmd_heap_usage,
	.exec = cmd_heap_exec,
};
