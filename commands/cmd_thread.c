/*
 * The `thread list` command and the thread table it shares with
 * `vcpu list`: every hypervisor thread and vCPU with its hart, priority
 * and state.
 */
#include <stdio.h>
#include <vmm/cmd.h>
#include <vmm/thread.h>
#include <vmm/vcpu.h>
#include "cmd_threads_table.h"

static void ruler(void)
{
	printf("-------------------------------------------------------------------------------\n");
}

static void format_affinity(unsigned long mask, char *buf, size_t size)
{
	size_t n = snprintf(buf, size, "{");

	for (unsigned int c = 0; c < vmm_cpu_count && n < size; c++)
		if (mask & (1UL << c))
			n += snprintf(buf + n, size - n, "%s%u", n > 1 ? "," : "", c);
	if (n < size)
		snprintf(buf + n, size - n, "}");
}

static void print_thread(struct thread *t, void *arg)
{
	enum thread_filter filter = *(enum thread_filter *)arg;
	const char *state = thread_state_name(t->state);
	char aff[64];

	if ((filter == THREADS_VCPUS && !t->is_vcpu) || (filter == THREADS_ORPHANS && t->is_vcpu))
		return;
	if (t->is_vcpu)
		state = vcpu_state_name(t->priv);
	if (t->is_idle)
		snprintf(aff, sizeof(aff), "{%u}", t->cpu->id);
	else
		format_affinity(t->affinity, aff, sizeof(aff));
	printf(" %-6u %-6u %-7d %-10s %-17s %s\n", t->id, t->cpu ? t->cpu->id : 0, t->prio,
	       state, t->name, aff);
}

void print_thread_table(enum thread_filter filter)
{
	ruler();
	printf(" %-6s %-6s %-7s %-10s %-17s %s\n", "ID", "CPU", "Prio", "State", "Name",
	       "Affinity");
	ruler();
	thread_for_each(print_thread, &filter);
	ruler();
}

static int thread_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	print_thread_table(THREADS_ALL);
	return 0;
}

static const struct vmm_subcmd thread_subcmds[] = {
	{ "list", 0, 0, thread_list, NULL },
};

VMM_CMD(thread_cmd) = {
	.name = "thread",
	.desc = "control commands for threads",
	VMM_SUBCMDS(thread_subcmds),
};
