/*
 * The thread table shared by `thread list` and `vcpu list`.
 */
#ifndef CMD_THREADS_TABLE_H
#define CMD_THREADS_TABLE_H

enum thread_filter {
	THREADS_ALL,
	THREADS_VCPUS,		/* normal vCPUs (guest vCPUs) */
	THREADS_ORPHANS,	/* hypervisor threads */
};

void print_thread_table(enum thread_filter filter);

#endif
