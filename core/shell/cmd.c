/*
 * The management shell's command executor: looks commands up in the
 * vmm_cmds link-time table, tokenizes a line (';' separates commands,
 * spaces and tabs separate arguments, no quoting, at most
 * VMM_CMD_MAX_ARGS arguments with the rest dropped), runs each command and
 * stops at the first one that is unknown or fails, printing the Xvisor
 * error lines.  It also owns the shared helpers for C-style numbers and
 * usage errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/cmd.h>

VMM_TABLE_DECLARE(const struct vmm_cmd, vmm_cmds);

const struct vmm_cmd *vmm_cmd_find(const char *name)
{
	vmm_table_foreach(const struct vmm_cmd, vmm_cmds, cmd) {
		if (!strcmp(cmd->name, name))
			return cmd;
	}
	return NULL;
}

static int cmd_compare(const void *a, const void *b)
{
	const struct vmm_cmd *const *ca = a;
	const struct vmm_cmd *const *cb = b;

	return strcmp((*ca)->name, (*cb)->name);
}

int vmm_cmd_sorted(const struct vmm_cmd ***out)
{
	const struct vmm_cmd **list;
	int n = 0;

	vmm_table_foreach(const struct vmm_cmd, vmm_cmds, cmd)
		n++;
	list = calloc(n ? n : 1, sizeof(*list));
	if (!list)
		return -ENOMEM;
	n = 0;
	vmm_table_foreach(const struct vmm_cmd, vmm_cmds, cmd)
		list[n++] = cmd;
	qsort(list, n, sizeof(*list), cmd_compare);
	*out = list;
	return n;
}

int vmm_cmd_usage(const struct vmm_cmd *cmd)
{
	if (cmd->usage)
		cmd->usage();
	else
		printf("Usage: %s\n", cmd->name);
	return -EINVAL;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Split one ';'-free command in place; returns argc (extra args dropped). */
static int tokenize(char *s, char **argv)
{
	int argc = 0;

	while (*s) {
		while (is_blank(*s))
			*s++ = '\0';
		if (!*s)
			break;
		if (argc < VMM_CMD_MAX_ARGS)
			argv[argc++] = s;
		while (*s && !is_blank(*s))
			s++;
	}
	argv[argc] = NULL;
	return argc;
}

static int exec_one(char *s)
{
	char *argv[VMM_CMD_MAX_ARGS + 1];
	const struct vmm_cmd *cmd;
	int argc, rc;

	argc = tokenize(s, argv);
	if (!argc)
		return 0;
	cmd = vmm_cmd_find(argv[0]);
	if (!cmd) {
		printf("Error: unknown command %s\n", argv[0]);
		return -ENOENT;
	}
	rc = cmd->exec(argc, argv);
	if (rc)
		printf("Error: command %s failed (code %d)\n", argv[0], rc);
	return rc;
}

int vmm_cmd_exec_line(char *line)
{
	char *next;
	int rc;

	for (; line; line = next) {
		next = strchr(line, ';');
		if (next)
			*next++ = '\0';
		rc = exec_one(line);
		if (rc)
			return rc;
	}
	return 0;
}

int vmm_cmd_parse_ulong(const char *s, unsigned long *out)
{
	unsigned long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno == ERANGE)
		return -ERANGE;
	if (*end)
		return -EINVAL;
	*out = v;
	return 0;
}
