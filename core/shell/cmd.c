/*
 * The management shell's command executor: looks commands up in the
 * vmm_cmds link-time table, tokenizes a line (';' separates commands,
 * spaces and tabs separate arguments, no quoting, at most
 * VMM_CMD_MAX_ARGS arguments with the rest dropped), runs each command and
 * stops at the first one that is unknown or fails, printing the Xvisor
 * error lines.  It also owns the subcommand dispatcher, which prints the
 * usage from the same table it dispatches on, and the shared helper for
 * C-style numbers.
 */
#include <errno.h>
#include <stdbool.h>
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

static bool same_usage(const struct vmm_subcmd *a, const struct vmm_subcmd *b)
{
	return a->usage && b->usage && *a->usage && !strcmp(a->usage, b->usage);
}

/*
 * Print the usage lines of a subcommand table.  Adjacent subcommands with
 * the same usage share a line, "a|b <usage>", and a shared line names the
 * common leading words once ("node show|dump <path>").
 */
static void print_subcmds(const struct vmm_cmd *cmd)
{
	const struct vmm_subcmd *s = cmd->subcmds;

	printf("   %s help\n", cmd->name);
	for (unsigned int i = 0; i < cmd->nsubcmds; i++) {
		bool shared = i + 1 < cmd->nsubcmds && same_usage(&s[i], &s[i + 1]);
		const char *name = s[i].name, *last = strrchr(name, ' ');

		if (i && same_usage(&s[i], &s[i - 1])) {
			size_t lead = last ? (size_t)(last - name) + 1 : 0;

			if (lead && !strncmp(name, s[i - 1].name, lead))
				name += lead;
		} else {
			printf("   %s%s", cmd->name, *name ? " " : "");
		}
		printf("%s%s", name, shared ? "|" : "");
		if (!shared)
			printf("%s%s\n", s[i].usage && *s[i].usage ? " " : "",
			       s[i].usage ? s[i].usage : "");
	}
}

int vmm_cmd_usage(const struct vmm_cmd *cmd)
{
	if (cmd->subcmds) {
		printf("Usage:\n");
		print_subcmds(cmd);
		if (cmd->note)
			printf("%s", cmd->note);
	} else if (cmd->usage) {
		cmd->usage();
	} else {
		printf("Usage: %s\n", cmd->name);
	}
	return -EINVAL;
}

/* Number of words of name matching argv[1]...; -1 if they do not match. */
static int match_words(const char *name, int argc, char **argv)
{
	int words = 0;

	while (*name) {
		size_t len = strcspn(name, " ");

		if (words + 1 >= argc || strlen(argv[words + 1]) != len ||
		    strncmp(argv[words + 1], name, len))
			return -1;
		words++;
		name += len;
		name += *name == ' ';
	}
	return words;
}

static int dispatch(const struct vmm_cmd *cmd, int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "help")) {
		vmm_cmd_usage(cmd);
		return 0;
	}
	for (unsigned int i = 0; i < cmd->nsubcmds; i++) {
		const struct vmm_subcmd *s = &cmd->subcmds[i];
		int words = match_words(s->name, argc, argv), rc;

		if (words < 0)
			continue;
		if (argc - 1 - words < s->min_args || argc - 1 - words > s->max_args)
			break;
		rc = s->exec(argc, argv);
		return rc == VMM_CMD_BAD_ARGS ? vmm_cmd_usage(cmd) : rc;
	}
	return vmm_cmd_usage(cmd);
}

int vmm_cmd_run(const struct vmm_cmd *cmd, int argc, char **argv)
{
	return cmd->subcmds ? dispatch(cmd, argc, argv) : cmd->exec(argc, argv);
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
	rc = vmm_cmd_run(cmd, argc, argv);
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
