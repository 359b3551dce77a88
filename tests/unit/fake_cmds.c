/*
 * Fake shell commands shared by the shell unit tests (see fake_cmds.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "capture.h"
#include "fake_cmds.h"

char fake_calls[16384];
int fake_last_argc;
char *fake_last_argv[VMM_CMD_MAX_ARGS + 1];

void fake_reset(void)
{
	fake_calls[0] = '\0';
	fake_last_argc = -1;
}

static void record(int argc, char **argv)
{
	int i;

	strcat(fake_calls, argv[0]);
	strcat(fake_calls, ":");
	for (i = 1; i < argc; i++) {
		strcat(fake_calls, argv[i]);
		if (i + 1 < argc)
			strcat(fake_calls, ",");
	}
	strcat(fake_calls, "|");
	fake_last_argc = argc;
	for (i = 0; i <= argc; i++)
		fake_last_argv[i] = argv[i];
}

static void t_rec_usage(void)
{
	printf("t_rec usage text\n");
}

static int t_rec_exec(int argc, char **argv)
{
	record(argc, argv);
	return 0;
}

static int t_fail_exec(int argc, char **argv)
{
	record(argc, argv);
	return -EIO;
}

VMM_CMD(t_rec_cmd) = {
	.name = "t_rec",
	.desc = "records its arguments",
	.usage = t_rec_usage,
	.exec = t_rec_exec,
};
VMM_CMD(t_fail_cmd) = {
	.name = "t_fail",
	.desc = "always fails",
	.usage = NULL,
	.exec = t_fail_exec,
};

int fake_run_line(const char *line, const char **out)
{
	char buf[8192];
	int rc;

	fake_reset();
	snprintf(buf, sizeof(buf), "%s", line);
	capture_begin();
	rc = vmm_cmd_exec_line(buf);
	*out = capture_end();
	return rc;
}
