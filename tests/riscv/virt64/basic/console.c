/*
 * The firmware prompt: a line editor over the polled UART (printable
 * characters, backspace/delete, CR or LF or CR LF ends a line) and the
 * command dispatcher that splits a line into arguments and runs the
 * matching entry of the .basic_cmds table.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "basic.h"

void console_readline(char *buf, unsigned int size)
{
	static bool last_cr;
	unsigned int len = 0;
	int c;

	for (;;) {
		c = uart_getc();
		if (c == '\n' && last_cr) {
			last_cr = false;
			continue;
		}
		last_cr = c == '\r';
		if (c == '\r' || c == '\n') {
			putchar('\n');
			buf[len] = '\0';
			return;
		}
		if (c == '\b' || c == 0x7f) {
			if (len) {
				len--;
				printf("\b \b");
			}
		} else if (c >= 0x20 && c < 0x7f && len + 1 < size) {
			buf[len++] = (char)c;
			putchar(c);
		}
	}
}

static const struct basic_cmd *cmd_find(const char *name)
{
	const struct basic_cmd *cmd;

	for (cmd = __basic_cmds_start; cmd < __basic_cmds_end; cmd++)
		if (!strcmp(cmd->name, name))
			return cmd;
	return NULL;
}

int basic_exec_line(char *line)
{
	char *argv[BASIC_ARGS_MAX];
	const struct basic_cmd *cmd;
	int argc, rc;

	argc = args_split(line, argv, BASIC_ARGS_MAX);
	if (argc < 0) {
		printf("Too many arguments\n");
		return argc;
	}
	if (!argc)
		return 0;
	cmd = cmd_find(argv[0]);
	if (!cmd) {
		printf("Unknown command\n");
		return -ENOENT;
	}
	rc = cmd->exec(argc, argv);
	if (rc == -EINVAL)
		printf("Usage: %s %s\n", cmd->name, cmd->usage);
	return rc;
}

int basic_arg_hex(char **argv, int i, uint64_t *val)
{
	if (parse_hex(argv[i], val)) {
		printf("Invalid hex number '%s'\n", argv[i]);
		return -EINVAL;
	}
	return 0;
}
