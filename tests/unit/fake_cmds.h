/*
 * Fake shell commands for host unit tests: "t_rec" records its arguments
 * and succeeds, "t_fail" records them and returns -EIO.  Every call
 * appends "name:arg,arg|" to fake_calls.
 */
#ifndef UNIT_FAKE_CMDS_H
#define UNIT_FAKE_CMDS_H

#include <vmm/cmd.h>

extern char fake_calls[16384];
extern int fake_last_argc;
extern char *fake_last_argv[VMM_CMD_MAX_ARGS + 1];

/* Forget the recorded calls. */
void fake_reset(void);

/* Run a copy of line with vmm_cmd_exec_line(), capturing stdout in *out. */
int fake_run_line(const char *line, const char **out);

#endif
