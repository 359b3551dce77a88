/*
 * The thread table shared by `thread list` and `vcpu list`, and the
 * `vcpu monitor` handler.
 */
#ifndef CMD_THREADS_TABLE_H
#define CMD_THREADS_TABLE_H

enum thread_filter {
	THREADS_ALL,
	THREADS_VCPUS,		/* normal vCPUs (guest vCPUs) */
	THREADS_ORPHANS,	/* hypervisor threads */
};

void print_thread_table(enum thread_filter filter);

/* `vcpu monitor [<chardev>]` (cmd_vcpu_monitor.c). */
int cmd_vcpu_monitor(int argc, char **argv);

#endif
