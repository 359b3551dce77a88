/*
 * Early parameters from /chosen/bootargs and the boot commands.
 *
 * bootargs are whitespace separated "name" or "name=value" parameters; a
 * '"' quotes (whitespace inside quotes does not separate) and is itself
 * removed, with no escapes; '-' and '_' are the same character in names;
 * parameters nobody asks for are ignored.
 *
 * Boot commands come from vmm.bootcmd, split at every ';' into pieces of at
 * most BOOTCMD_PIECE_MAX characters, or else from the /chosen/bootcmd
 * string list (each entry one piece, run whole, so a ';' inside an entry
 * chains like a typed line).  Each non-blank piece is echoed as
 * "INIT: bootcmd: <piece>" and run through vmm_cmd_exec_line(); a failing
 * piece does not stop the following ones.
 */
#ifndef VMM_BOOTARGS_H
#define VMM_BOOTARGS_H

#include <stddef.h>

#define BOOTCMD_PIECE_MAX	255

/*
 * Copy the value of param (the last occurrence if repeated, "" for a bare
 * name) into out.  Returns the value's length, -ENOENT if param is absent,
 * -ENOSPC if out (outsz bytes, NUL included) is too small.
 */
int bootargs_get(const char *bootargs, const char *param, char *out, size_t outsz);

/*
 * Split value in place at every ';' and store up to max piece pointers in
 * cmds (empty pieces included).  Returns the number of pieces or -E2BIG
 * if there are more than max.
 */
int bootcmd_split(char *value, char **cmds, int max);

/*
 * Run the boot commands: those of vmm.bootcmd in bootargs (may be NULL),
 * else those of chosen_bootcmd_list (list_len bytes of NUL-separated
 * strings as in an FDT property; may be NULL).
 */
void bootcmd_run(const char *bootargs, const char *chosen_bootcmd_list, size_t list_len);

#endif
