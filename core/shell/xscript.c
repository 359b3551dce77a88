/*
 * The xscript interpreter (contract in include/vmm/xscript.h): cuts the
 * script into lines, strips comments and hands each line to the shell
 * executor, stopping at the first failing line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/xscript.h>

static int is_eol(char c)
{
	return c == '\n' || c == '\r' || c == '\0';
}

int xscript_exec(const char *name, const char *buf, size_t len, int *fail_line)
{
	size_t pos = 0, n;
	char *line, *hash;
	int lineno = 1, rc = 0;

	if (fail_line)
		*fail_line = -1;
	line = malloc(XSCRIPT_LINE_MAX);
	if (!line)
		return -ENOMEM;
	for (; pos < len; lineno++) {
		for (n = 0; pos + n < len && !is_eol(buf[pos + n]); n++)
			;
		if (n >= XSCRIPT_LINE_MAX) {
			printf("%s: line%d: too long (limit %d bytes)\n", name, lineno,
			       XSCRIPT_LINE_MAX - 1);
			rc = -E2BIG;
		} else {
			memcpy(line, buf + pos, n);
			line[n] = '\0';
			hash = strchr(line, '#');
			if (hash)
				*hash = '\0';
			rc = vmm_cmd_exec_line(line);
		}
		if (rc) {
			printf("%s: line%d: failed (error %d)\n", name, lineno, rc);
			if (fail_line)
				*fail_line = lineno;
			break;
		}
		pos += n + 1;
	}
	free(line);
	return rc;
}

int xscript_run(const char *name, const char *buf, size_t len)
{
	int line, rc;

	rc = xscript_exec(name, buf, len, &line);
	return line >= 0 ? 0 : rc;
}
