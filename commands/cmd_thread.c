/*
 * The `thread list` command: every hypervisor thread and vCPU with its
 * hart, priority and state, in the column layout of `vcpu list`.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/thread.h>

static void thread_usage(void)
{
	printf("Usage:\n");
	printf("   thread help\n");
	printf("   thread list\n");
}

static void ruler(void)
{
	printf("-------------------------------------------------------------------------------\n");
}

static void print_thread(struct thread *t, void *arg)
{
	(void)arg;
	printf(" %-6u %-6u %-7d %-10s %-17s {%u}\n", t->id, t->cpu ? t->cpu->id : 0, t->prio,
	       thread_state_name(t->state), t->name, t->cpu ? t->cpu->id : 0);
}

static int thread_exec(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "list")) {
		ruler();
		printf(" %-6s %-6s %-7s %-10s %-17s %s\n", "ID", "CPU", "Prio", "State", "Name",
		       "Affinity");
		ruler();
		thread_for_each(print_thread, NULL);
		ruler();
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "help")) {
		thread_usage();
		return 0;
	}
	thread_usage();
	return -EINVAL;
}

VMM_DECLARE_CMD(thread_cmd, "thread", "control commands for threads", thread_usage, thread_exec);
