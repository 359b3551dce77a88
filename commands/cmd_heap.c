/*
 * The "heap" command: "heap info" prints the heap counters one per line
 * (sizes in KiB and bytes) and "heap state" the free blocks per size class
 * followed by a full consistency check of the arena; "dma_info" and
 * "dma_state" show the same heap, which also serves DMA buffers.
 */
#include <stdio.h>
#include <vmm/cmd.h>
#include <vmm/heap.h>

static void print_size(const char *label, size_t n)
{
	printf("%-18s: %zu KiB (%zu bytes)\n", label, n / 1024, n);
}

static int heap_cmd_info(int argc, char **argv)
{
	struct heap_stats st;

	(void)argc;
	(void)argv;
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

static int heap_cmd_state(int argc, char **argv)
{
	size_t counts[HEAP_NR_BINS];
	int rc;

	(void)argc;
	(void)argv;
	heap_free_histogram(counts);
	printf("Free blocks per size class:\n");
	for (unsigned int k = 0; k < HEAP_NR_BINS; k++)
		if (counts[k])
			printf("  %12zu bytes and up: %zu\n", (size_t)1 << k, counts[k]);
	rc = heap_check();
	printf("Consistency check : %s\n", rc ? "FAILED" : "OK");
	return rc;
}

/*
 * There is no separate DMA heap: host RAM is cache-coherent with devices on
 * this platform, so DMA buffers come from the one heap, and dma_info and
 * dma_state say so and show it.
 */
static void dma_note(void)
{
	printf("%-18s: %s\n", "DMA Heap", "the heap (host RAM is DMA-coherent)");
}

static int heap_cmd_dma_info(int argc, char **argv)
{
	dma_note();
	return heap_cmd_info(argc, argv);
}

static int heap_cmd_dma_state(int argc, char **argv)
{
	dma_note();
	return heap_cmd_state(argc, argv);
}

static const struct vmm_subcmd heap_subcmds[] = {
	{ "info", 0, 0, heap_cmd_info, "  - show heap usage" },
	{ "state", 0, 0, heap_cmd_state, " - show free blocks and check the heap" },
	{ "dma_info", 0, 0, heap_cmd_dma_info, "  - show DMA heap usage" },
	{ "dma_state", 0, 0, heap_cmd_dma_state, " - show DMA heap free blocks and check it" },
};

VMM_CMD(cmd_heap) = {
	.name = "heap",
	.desc = "heap commands",
	VMM_SUBCMDS(heap_subcmds),
};
