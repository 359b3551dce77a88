/*
 * The management shell thread: runs the boot commands (vmm.bootcmd or
 * /chosen/bootcmd), then reads lines at the `XVisor# ` prompt with the
 * line editor and executes them.  It is an ordinary thread, so guests keep
 * running while it waits for a key.
 */
#include <stdio.h>
#include <string.h>
#include <vmm/bootargs.h>
#include <vmm/cmd.h>
#include <vmm/console.h>
#include <vmm/host.h>
#include <vmm/init.h>
#include <vmm/lineedit.h>
#include <vmm/thread.h>

#define SHELL_PROMPT "XVisor# "

static struct lineedit shell_le;

static int shell_getc(void *ctx)
{
	(void)ctx;
	return console_getc();
}

static void shell_putc(void *ctx, char c)
{
	(void)ctx;
	console_write_raw(&c, 1);
}

static void shell_main(void *arg)
{
	char line[VMM_CMD_LINE_MAX];

	(void)arg;
	bootcmd_run(host_info.bootargs, host_info.bootcmd_list, host_info.bootcmd_list_len);
	printf("\n");
	lineedit_init(&shell_le, shell_getc, shell_putc, NULL);
	for (;;) {
		printf(SHELL_PROMPT);
		if (lineedit_read(&shell_le, line, sizeof(line)) < 0) {
			thread_sleep_ns(100000000ULL);
			continue;
		}
		vmm_cmd_exec_line(line);
	}
}

int shell_start(void)
{
	struct thread *t = thread_create("mterm", shell_main, NULL, this_cpu(), THREAD_DEFAULT_PRIO);

	if (!t)
		return -1;
	thread_start(t);
	return 0;
}
