/*
 * The management shell thread: runs the boot commands (vmm.bootcmd or
 * /chosen/bootcmd), then reads lines at the `XVisor# ` prompt with the
 * line editor and executes them.  It is an ordinary thread, so guests keep
 * running while it waits for a key.  Without a readable console device it
 * says so once and sleeps until one is set.
 */
#include <stdio.h>
#include <vmm/chardev.h>
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

/* Say once why no command can be read, then sleep until that changes. */
static void shell_wait_input(void)
{
	struct chardev *cd = console_get_device();

	if (cd)
		printf("shell: cannot read commands: console device %s has no input; waiting for one\n",
		       cd->name);
	else
		printf("shell: cannot read commands: no console input device (no driver for %s); waiting for one\n",
		       host_info.stdout_path ? host_info.stdout_path : "a console UART");
	console_wait_readable();
}

static void shell_main(void *arg)
{
	char line[VMM_CMD_LINE_MAX];

	(void)arg;
	bootcmd_run(host_info.bootargs, host_info.bootcmd_list, host_info.bootcmd_list_len);
	printf("\n");
	lineedit_init(&shell_le, shell_getc, shell_putc, NULL);
	for (;;) {
		if (!console_can_read())
			shell_wait_input();
		printf(SHELL_PROMPT);
		if (lineedit_read(&shell_le, line, sizeof(line)) < 0)
			continue;
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
