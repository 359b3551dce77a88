/*
 * Management shell commands.  Each command group is one file in commands/
 * that declares a struct vmm_cmd with VMM_CMD; the shell finds it in
 * the vmm_cmds link-time table.  A command prints with printf() and returns
 * 0 on success or a negative errno; the executor then prints
 * "Error: command <name> failed (code <rc>)".
 *
 * A command normally has a subcommand table (VMM_SUBCMDS) and no exec
 * hook: one dispatcher (core/shell/cmd.c) matches the subcommand, checks
 * its argument count and prints the usage from the same table, so dispatch
 * and help cannot drift apart.  "<cmd> help" prints the usage and returns 0;
 * a bad subcommand or argument count prints the usage and returns -EINVAL.
 * Only free-form commands (echo, help) set exec and a usage hook instead.
 */
#ifndef VMM_CMD_H
#define VMM_CMD_H

#include <stddef.h>
#include <vmm/table.h>

#define VMM_CMD_MAX_ARGS	32
#define VMM_CMD_LINE_MAX	256	/* 255 characters plus NUL */

/*
 * A handler's return value asking the dispatcher to print the usage and
 * fail with -EINVAL (for an argument the handler found malformed).
 */
#define VMM_CMD_BAD_ARGS	1

/*
 * One subcommand.  name is one or more blank-separated words matched
 * against argv[1], argv[2], ... ("" matches none: the command itself);
 * min_args..max_args arguments must follow those words.  exec gets the
 * full argv (command, subcommand words, arguments) and returns 0, a
 * negative errno or VMM_CMD_BAD_ARGS.  usage is what follows
 * "<cmd> <name>" on the usage line (arguments, " - description"), or
 * NULL; adjacent subcommands with the same non-empty usage share one
 * line ("vfs cat|md5 <path>").
 */
struct vmm_subcmd {
	const char *name;
	int min_args, max_args;
	int (*exec)(int argc, char **argv);
	const char *usage;
};

struct vmm_cmd {
	const char *name;
	const char *desc;
	const struct vmm_subcmd *subcmds;
	unsigned int nsubcmds;
	const char *note;		/* printed after the usage lines, or NULL */
	void (*usage)(void);		/* free-form commands only */
	int (*exec)(int argc, char **argv);	/* free-form commands only */
};

#define VMM_CMD(var) static const struct vmm_cmd var VMM_TABLE_ENTRY(vmm_cmds)

/* Designated initializers of a command's subcommand table (an array). */
#define VMM_SUBCMDS(table) \
	.subcmds = (table), .nsubcmds = sizeof(table) / sizeof((table)[0])

/* Find a command by exact, case-sensitive name; NULL if there is none. */
const struct vmm_cmd *vmm_cmd_find(const char *name);

/*
 * Tokenize and run one line (modified in place): ';' separates commands,
 * blanks separate arguments, no quoting, at most 32 arguments per command.
 * Stops at the first failing or unknown command and returns its code.
 */
int vmm_cmd_exec_line(char *line);

/* Run one tokenized command (argv[0] is its name) as the executor does. */
int vmm_cmd_run(const struct vmm_cmd *cmd, int argc, char **argv);

/*
 * Parse a C-style number (0x hex, leading 0 octal, else decimal).  The whole
 * string must be the number: no sign, blanks or trailing characters.
 * Returns 0, -EINVAL for malformed input or -ERANGE on overflow.
 */
int vmm_cmd_parse_ulong(const char *s, unsigned long *out);

/*
 * Print "Usage:" and the usage of cmd (from its subcommand table and note,
 * else its usage hook, else "Usage: <name>") and return -EINVAL.
 */
int vmm_cmd_usage(const struct vmm_cmd *cmd);

/*
 * Allocate (malloc) an array of every registered command sorted by name;
 * returns the count and stores the array, to be freed by the caller.
 */
int vmm_cmd_sorted(const struct vmm_cmd ***out);

#endif
