/*
 * Management shell commands.  Each command group is one file in commands/
 * that declares a struct vmm_cmd with VMM_CMD; the shell finds it in
 * the vmm_cmds link-time table.  A command prints with printf() and returns
 * 0 on success or a negative errno; the executor then prints
 * "Error: command <name> failed (code <rc>)".  A command given a bad
 * subcommand or argument count prints its usage and returns -EINVAL.
 */
#ifndef VMM_CMD_H
#define VMM_CMD_H

#include <vmm/table.h>

#define VMM_CMD_MAX_ARGS	32
#define VMM_CMD_LINE_MAX	256	/* 255 characters plus NUL */

struct vmm_cmd {
	const char *name;
	const char *desc;
	void (*usage)(void);
	int (*exec)(int argc, char **argv);
};

#define VMM_CMD(var) static const struct vmm_cmd var VMM_TABLE_ENTRY(vmm_cmds)

/* Find a command by exact, case-sensitive name; NULL if there is none. */
const struct vmm_cmd *vmm_cmd_find(const char *name);

/*
 * Tokenize and run one line (modified in place): ';' separates commands,
 * blanks separate arguments, no quoting, at most 32 arguments per command.
 * Stops at the first failing or unknown command and returns its code.
 */
int vmm_cmd_exec_line(char *line);

/*
 * Parse a C-style number (0x hex, leading 0 octal, else decimal).  The whole
 * string must be the number: no sign, blanks or trailing characters.
 * Returns 0, -EINVAL for malformed input or -ERANGE on overflow.
 */
int vmm_cmd_parse_ulong(const char *s, unsigned long *out);

/*
 * Print the usage of cmd (its usage hook, else "Usage: <name>") and return
 * -EINVAL, so a command can end with "return vmm_cmd_usage(&my_cmd);".
 */
int vmm_cmd_usage(const struct vmm_cmd *cmd);

/*
 * Allocate (malloc) an array of every registered command sorted by name;
 * returns the count and stores the array, to be freed by the caller.
 */
int vmm_cmd_sorted(const struct vmm_cmd ***out);

#endif
