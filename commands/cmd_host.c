/*
 * The `host` command: facts about the machine the hypervisor runs on
 * (name, harts, RAM, page pool, address pool, interrupts), per-hart
 * statistics and a poke of each hart through a cross call.  The device,
 * class and resource listings are in cmd_host_dev.c.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/arch_host.h>
#include <vmm/cmd.h>
#include <vmm/host.h>
#include <vmm/irq.h>
#include <vmm/page.h>
#include <vmm/thread.h>
#include <vmm/timer.h>
#include "cmd_host.h"

static unsigned int online_cpus(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < vmm_cpu_count; i++)
		n += vmm_cpus[i].online;
	return n;
}

static int host_info_show(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("Host Name            : %s\n", host_info.model ? host_info.model : "unknown");
	printf("Boot CPU Hardware ID : %lu\n", host_info.boot_hartid);
	printf("Total Online CPUs    : %u\n", online_cpus());
	printf("Total VAPOOL         : %llu MB\n", (unsigned long long)(arch_vapool_size() >> 20));
	printf("Total RAM            : %llu MB\n", (unsigned long long)(host_ram_total() >> 20));
	arch_print_firmware_info();
	return 0;
}

static void count_cpu_threads(struct thread *t, void *arg)
{
	unsigned int *counts = arg;

	if (t->cpu && !t->is_idle)
		counts[t->cpu->id]++;
}

static int host_cpu_stats(int argc, char **argv)
{
	unsigned int threads[VMM_MAX_CPUS] = { 0 };
	uint64_t now = timer_ticks();

	(void)argc;
	(void)argv;
	thread_for_each(count_cpu_threads, threads);
	printf("%-5s %-7s %-8s %-10s %-12s %-10s %-10s %-10s\n", "CPU", "Online", "Threads",
	       "Idle %", "Switches", "IRQs", "IPIs", "Timer");
	for (unsigned int i = 0; i < vmm_cpu_count; i++) {
		const struct vmm_cpu *c = &vmm_cpus[i];
		unsigned int idle = now ? (unsigned int)(c->idle_ticks * 100 / now) : 0;

		printf("%-5u %-7s %-8u %-10u %-12llu %-10llu %-10llu %-10llu\n", c->id,
		       c->online ? "yes" : "no", threads[i], idle,
		       (unsigned long long)c->switch_count, (unsigned long long)c->irq_count,
		       (unsigned long long)c->ipi_count, (unsigned long long)c->timer_irq_count);
	}
	return 0;
}

static int host_cpu_info(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (unsigned int i = 0; i < vmm_cpu_count; i++)
		arch_print_cpu_info(&vmm_cpus[i]);
	return 0;
}

static int host_irq_stats(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	irq_print_stats();
	return 0;
}

static int host_ram_info(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	page_print_info();
	return 0;
}

static int host_vapool_info(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	arch_print_vapool_info();
	return 0;
}

static void poke(void *arg)
{
	*(unsigned int *)arg = this_cpu()->id;
}

/* Run a cross call on each online hart (or the one named): it answers. */
static int host_cpu_poke(int argc, char **argv)
{
	unsigned long only = ~0UL;

	if (argc > 3 && (vmm_cmd_parse_ulong(argv[3], &only) || only >= vmm_cpu_count ||
			 !vmm_cpus[only].online)) {
		printf("Error: %s is not an online host CPU\n", argv[3]);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < vmm_cpu_count; i++) {
		struct vmm_cpu *c = &vmm_cpus[i];
		unsigned int answer = ~0U;

		if (!c->online || (only != ~0UL && only != i))
			continue;
		if (c == this_cpu())
			poke(&answer);
		else
			smp_call_on(c, poke, &answer);
		printf("CPU%u: poked, answered from CPU%u%s\n", i, answer,
		       c == this_cpu() ? " (this CPU)" : "");
	}
	return 0;
}

static int host_pagepool_info(int argc, char **argv)
{
	struct page_stats st;

	(void)argc;
	(void)argv;
	page_get_stats(&st);
	printf("Page Size      : %lu bytes\n", PAGE_SIZE);
	printf("Banks          : %u\n", st.nr_banks);
	printf("Total Pages    : %llu\n", (unsigned long long)st.total_pages);
	printf("Free Pages     : %llu\n", (unsigned long long)st.free_pages);
	printf("Used Pages     : %llu\n", (unsigned long long)st.used_pages);
	printf("Reserved Pages : %llu\n", (unsigned long long)st.reserved_pages);
	return 0;
}

static int host_pagepool_state(int argc, char **argv)
{
	struct page_stats st;

	(void)argc;
	(void)argv;
	page_get_stats(&st);
	printf("Free blocks per order:\n");
	for (unsigned int k = 0; k <= PAGE_MAX_ORDER; k++)
		printf("  order %2u (%8lu KiB): %llu\n", k, (PAGE_SIZE << k) >> 10,
		       (unsigned long long)st.free_blocks[k]);
	return 0;
}

static const struct vmm_subcmd host_subcmds[] = {
	{ "info", 0, 0, host_info_show, NULL },
	{ "cpu info", 0, 0, host_cpu_info, NULL },
	{ "cpu poke", 0, 1, host_cpu_poke, "[<hcpu>]" },
	{ "cpu stats", 0, 0, host_cpu_stats, NULL },
	{ "irq stats", 0, 0, host_irq_stats, NULL },
	{ "aspace info", 0, 0, cmd_host_aspace_info, NULL },
	{ "ram info", 0, 0, host_ram_info, NULL },
	{ "ram bitmap", 0, 1, cmd_host_ram_bitmap, "[<cols>]" },
	{ "vapool info", 0, 0, host_vapool_info, NULL },
	{ "vapool state", 0, 0, cmd_host_vapool_state, NULL },
	{ "vapool bitmap", 0, 1, cmd_host_vapool_state, "[<cols>]" },
	{ "pagepool info", 0, 0, host_pagepool_info, NULL },
	{ "pagepool state", 0, 0, host_pagepool_state, NULL },
	{ "resources", 0, 0, cmd_host_resources, NULL },
	{ "bus_list", 0, 0, cmd_host_bus_list, NULL },
	{ "bus_device_list", 1, 1, cmd_host_bus_device_list, "<bus>" },
	{ "class_list", 0, 0, cmd_host_class_list, NULL },
	{ "class_device_list", 1, 1, cmd_host_class_device_list, "<class>" },
};

VMM_CMD(host_cmd) = {
	.name = "host",
	.desc = "host information",
	VMM_SUBCMDS(host_subcmds),
};
