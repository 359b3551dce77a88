/*
 * Line editor of the management shell prompt, independent of any device:
 * it reads keys through getc and echoes through putc, both supplied by the
 * caller.  getc returns one byte (0..255) or a negative errno; putc is a raw
 * byte sink (no newline translation is needed: the editor itself ends an
 * accepted line with "\r\n" and moves the cursor with '\b' and reprints).
 *
 * Keys: printable characters (0x20..0x7e) insert at the cursor; CR or LF
 * accepts the line (an LF right after a CR is swallowed, even across calls,
 * so CR LF gives one line); BS (0x08) and DEL (0x7f) delete left of the
 * cursor; ESC[C / ESC[D move right / left; ESC[H, ESC O H, ESC[1~, ESC[7~
 * go Home; ESC[F, ESC O F, ESC[4~, ESC[8~ go End; ESC[3~ deletes under the
 * cursor; ESC[A / ESC[B walk the history.  Other control bytes and escape
 * sequences are ignored.  A line holds at most LINEEDIT_LINE_MAX - 1
 * characters (less if the caller's buffer is smaller); keys beyond that are
 * refused and nothing is echoed for them.
 *
 * History: the LINEEDIT_HISTORY most recent accepted lines, oldest dropped
 * first; blank lines are not stored and a line already stored moves to the
 * newest place instead of being stored twice.
 */
#ifndef VMM_LINEEDIT_H
#define VMM_LINEEDIT_H

#include <stddef.h>

#define LINEEDIT_LINE_MAX	256	/* 255 characters plus NUL */
#define LINEEDIT_HISTORY	10

struct lineedit {
	int (*getc)(void *ctx);
	void (*putc)(void *ctx, char c);
	void *ctx;
	/* private state, set up by lineedit_init() */
	char hist[LINEEDIT_HISTORY][LINEEDIT_LINE_MAX];
	int hist_count;			/* entries in hist[], oldest first */
	char draft[LINEEDIT_LINE_MAX];	/* line being typed while browsing */
	int after_cr;			/* last line ended with CR */
};

/* Reset le (history included) and attach the key source and echo sink. */
void lineedit_init(struct lineedit *le, int (*getc)(void *ctx), void (*putc)(void *ctx, char c),
		   void *ctx);

/*
 * Read one line into buf (NUL-terminated, without the line end).  Returns
 * its length, -EINVAL if size is 0, or the negative errno getc returned.
 */
int lineedit_read(struct lineedit *le, char *buf, size_t size);

#endif
