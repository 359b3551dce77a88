/*
 * The `host` command: facts about the machine the hypervisor runs on
 * (name, harts, RAM, address pool, interrupts) and per-hart statistics.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/arch_host.h>
#include <vmm/cmd.h>
#include <vmm/host.h>
#include <vmm/irq.h>
#include <vmm/page.h>
#include <vmm/thread.h>
#include <vmm/timer.h>

static void host_usage(void)
{
	printf("Usage:\n");
	printf("   host help\n");
	printf("   host info\n");
	printf("   host cpu info\n");
	printf("   host cpu stats\n");
	printf("   host irq stats\n");
	printf("   host ram info\n");
	printf("   host vapool info\n");
}

static unsigned int online_cpus(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < vmm_cpu_count; i++)
		n += vmm_cpus[i].online;
	return n;
}

static int host_info_show(void)
{
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

static int host_cpu_stats(void)
{
	unsigned int threads[VMM_MAX_CPUS] = { 0 };
	uint64_t now = timer_ticks();

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

static int host_exec(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "info"))
		return host_info_show();
	if (argc == 3 && !strcmp(argv[1], "cpu") && !strcmp(argv[2], "info")) {
		for (unsigned int i = 0; i < vmm_cpu_count; i++)
			arch_print_cpu_info(&vmm_cpus[i]);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "cpu") && !strcmp(argv[2], "stats"))
		return host_cpu_stats();
	if (argc == 3 && !strcmp(argv[1], "irq") && !strcmp(argv[2], "stats")) {
		irq_print_stats();
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "ram") && !strcmp(argv[2], "info")) {
		page_print_info();
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "vapool") && !strcmp(argv[2], "info")) {
		arch_print_vapool_info();
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "help")) {
		host_usage();
		return 0;
	}
	host_usage();
	return -EINVAL;
}

VMM_CMD(host_cmd) = {
	.name = "host",
	.desc = "host information",
	.usage = host_usage,
	.exec = host_exec,
};
