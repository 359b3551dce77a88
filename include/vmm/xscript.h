/*
 * xscript: files of shell lines run by "vfs run" (and the boot flow).
 * Lines end at LF, CR or NUL, so CR LF adds a harmless empty line; a final
 * line without terminator is run too.  '#' starts a comment up to the end of
 * the line.  Each line goes through vmm_cmd_exec_line(), so ';' chains stop
 * at their first failure.  A line must be shorter than XSCRIPT_LINE_MAX
 * bytes.  Execution stops at the first failing (or too long) line, printing
 * "<name>: line<N>: failed (error <rc>)" with N counted from 1, as editors
 * count (Xvisor counts from 0).
 */
#ifndef VMM_XSCRIPT_H
#define VMM_XSCRIPT_H

#include <stddef.h>

#define XSCRIPT_LINE_MAX	4096

/*
 * Run the script buf[0..len) named name (used in messages).  Returns 0 when
 * every line succeeded, else the failing line's code (-E2BIG for a line too
 * long, -ENOMEM if no line buffer) and, if fail_line is not NULL, stores
 * the failing line number there (from 1; -1 when nothing failed).
 */
int xscript_exec(const char *name, const char *buf, size_t len, int *fail_line);

/*
 * Xvisor's "vfs run" semantics: as xscript_exec() but returns 0 even after
 * a failed line, so that a broken script does not fail the caller's chain
 * (only a failure to start, -ENOMEM, is returned).
 */
int xscript_run(const char *name, const char *buf, size_t len);

#endif
