/*
 * Unit tests of the prompt line editor (core/shell/lineedit.c): scripted key
 * sequences go in, and both the resulting line and the echoed bytes are
 * checked, the latter exactly or through a one-line terminal model that
 * replays the echo to see what the user would see.
 */
#include <errno.h>
#include <vmm/lineedit.h>
#include "unit.h"

struct term {
	const char *in;
	size_t len, pos;
	char out[8192];
	size_t olen;
};

static struct term term;
static struct lineedit le;

static int t_getc(void *ctx)
{
	struct term *t = ctx;

	if (t->pos >= t->len)
		return -EIO;
	return (unsigned char)t->in[t->pos++];
}

static void t_putc(void *ctx, char c)
{
	struct term *t = ctx;

	if (t->olen < sizeof(t->out) - 1)
		t->out[t->olen++] = c;
	t->out[t->olen] = '\0';
}

static void reset(void)
{
	memset(&term, 0, sizeof(term));
	lineedit_init(&le, t_getc, t_putc, &term);
}

/* Queue keys (binary-safe length) and clear the echo. */
static void keys_n(const char *k, size_t n)
{
	term.in = k;
	term.len = n;
	term.pos = 0;
	term.olen = 0;
	term.out[0] = '\0';
}

static void keys(const char *k)
{
	keys_n(k, strlen(k));
}

static int read_line(char *buf, size_t size)
{
	return lineedit_read(&le, buf, size);
}

/*
 * Replay the echo up to (not including) its final "\r\n" on a terminal
 * line that starts blank; return the visible text with trailing blanks
 * removed and the cursor column.
 */
static const char *screen(int *cursor)
{
	static char scr[600];
	size_t n = term.olen, i;
	int cur = 0, end;

	memset(scr, ' ', sizeof(scr));
	if (n >= 2 && term.out[n - 2] == '\r' && term.out[n - 1] == '\n')
		n -= 2;
	for (i = 0; i < n; i++) {
		char c = term.out[i];

		if (c == '\b')
			cur -= cur > 0;
		else if (c == '\r')
			cur = 0;
		else if (c >= 0x20 && c < 0x7f && cur < (int)sizeof(scr) - 1)
			scr[cur++] = c;
		else
			CHECK(!"unexpected byte in echo");
	}
	for (end = sizeof(scr) - 1; end > 0 && scr[end - 1] == ' '; end--)
		;
	scr[end] = '\0';
	if (cursor)
		*cursor = cur;
	return scr;
}

UNIT_TEST(plain_line)
{
	char buf[256];

	reset();
	keys("abc\r");
	CHECK_EQ(read_line(buf, sizeof(buf)), 3);
	CHECK_STR(buf, "abc");
	CHECK_STR(term.out, "abc\r\n");
}

UNIT_TEST(cr_lf_make_one_line)
{
	char buf[256];

	reset();
	keys("ab\r\ncd\n\nx\r\ry\r");
	CHECK_EQ(read_line(buf, sizeof(buf)), 2);
	CHECK_STR(buf, "ab");
	CHECK_EQ(read_line(buf, sizeof(buf)), 2);
	CHECK_STR(buf, "cd");
	CHECK_EQ(read_line(buf, sizeof(buf)), 0); /* LF after LF is a real empty line */
	CHECK_EQ(read_line(buf, sizeof(buf)), 1);
	CHECK_EQ(read_line(buf, sizeof(buf)), 0); /* CR CR too */
	CHECK_EQ(read_line(buf, sizeof(buf)), 1);
	CHECK_STR(buf, "y");
	/* the LF of a CR LF split across two reads is still swallowed */
	keys("\nz\n");
	CHECK_EQ(read_line(buf, sizeof(buf)), 1);
	CHECK_STR(buf, "z");
	CHECK_STR(term.out, "z\r\n");
}

UNIT_TEST(backspace_and_del)
{
	char buf[256];

	reset();
	keys("\babc\b\x7f" "d\r");
	CHECK_EQ(read_line(buf, sizeof(buf)), 2);
	CHECK_STR(buf, "ad");
	CHECK_STR(term.out, "abc\b \b\b \bd\r\n");
}

UNIT_TEST(insert_mid_line)
{
	char buf[256];
	int cur;

	reset();
	keys("ac\x1b[Db\r");
	CHECK_EQ(read_line(buf, sizeof(buf)), 3);
	CHECK_STR(buf, "abc");
	CHECK_STR(term.out, "ac\bbc\b\r\n");
	keys("hello world\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\b_\x1b[C\x1b[CX\r");
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, "hell_ wXorld");
	CHECK_STR(screen(&cur), "hell_ wXorld");
	CHECK_EQ(cur, 8);
}

UNIT_TEST(delete_under_cursor)
{
	char buf[256];
	int cur;

	reset();
	keys("abcd\x1b[H\x1b[C\x1b[3~\r");
	CHECK_EQ(read_line(buf, sizeof(buf)), 3);
	CHECK_STR(buf, "acd");
	CHECK_STR(screen(&cur), "acd");
	CHECK_EQ(cur, 1);
	keys("ab\x1b[3~\x1b[C\r"); /* at the end: nothing to delete or pass */
	CHECK_EQ(read_line(buf, sizeof(buf)), 2);
	CHECK_STR(term.out, "ab\r\n");
}

UNIT_TEST(home_and_end_variants)
{
	char buf[256];

	reset();
	keys("bc\x1b[Ha\x1b[Fd\x1bOHx\x1bOFy\x1b[1~1\x1b[4~4\r");
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, "1xabcdy4");
	CHECK_STR(screen(NULL), "1xabcdy4");
	keys("\x1b[D\x1b[D\x1b[H\x1b[D\r"); /* left at Home does nothing */
	CHECK_EQ(read_line(buf, sizeof(buf)), 0);
	CHECK_STR(term.out, "\r\n");
}

UNIT_TEST(ignored_keys)
{
	char buf[256];

	reset();
	keys("a\x01\t\x1b[Zb\x1bxc\x1b[5~\x80" "d\r");
	CHECK_EQ(read_line(buf, sizeof(buf)), 4);
	CHECK_STR(buf, "abcd");
	CHECK_STR(term.out, "abcd\r\n");
}

UNIT_TEST(line_limit_refuses_keys)
{
	char in[400], buf[256], want[300];
	int cur;

	reset();
	memset(in, 'a', 300);
	strcpy(in + 300, "\r");
	keys(in);
	CHECK_EQ(read_line(buf, sizeof(buf)), 255);
	CHECK_EQ(strlen(buf), 255);
	memset(want, 'a', 255);
	strcpy(want + 255, "\r\n");
	CHECK_STR(term.out, want);

	/* a full line refuses inserts in the middle too, without echo */
	memset(in, 'b', 255);
	strcpy(in + 255, "\x1b[Hzz\x1b[F\r");
	keys(in);
	CHECK_EQ(read_line(buf, sizeof(buf)), 255);
	CHECK(buf[0] == 'b');
	CHECK(strchr(screen(&cur), 'z') == NULL);
	CHECK_EQ(cur, 255);

	/* the caller's buffer can be smaller */
	keys("abcdef\r");
	CHECK_EQ(read_line(buf, 5), 4);
	CHECK_STR(buf, "abcd");
	CHECK_STR(term.out, "abcd\r\n");
	CHECK_EQ(read_line(buf, 0), -EINVAL);
}

UNIT_TEST(history_walk)
{
	char buf[256];

	reset();
	keys("one\rtwo\r\rtwo\r   \rthree\r");
	for (int i = 0; i < 6; i++)
		read_line(buf, sizeof(buf));
	CHECK_EQ(le.hist_count, 3);
	keys("\x1b[A\r");
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, "three");
	keys("\x1b[A\x1b[A\r");
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, "two");
	keys("\x1b[A\x1b[A\x1b[A\x1b[A\x1b[A\r");
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, "one");
	/* "one" moved to the newest place rather than being stored twice */
	CHECK_EQ(le.hist_count, 3);
	CHECK_STR(le.hist[0], "three");
	CHECK_STR(le.hist[1], "two");
	CHECK_STR(le.hist[2], "one");
	keys("\x1b[A\x1b[A\r");
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, "two");
	keys("\x1bOA\r");
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, "two");
	CHECK_STR(le.hist[0], "three");
	CHECK_STR(le.hist[1], "one");
	CHECK_STR(le.hist[2], "two");
}

UNIT_TEST(history_down_restores_draft)
{
	char buf[256];
	int cur;

	reset();
	keys("a long line\r");
	read_line(buf, sizeof(buf));
	keys("dr\x1b[A\x1b[B\r");
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, "dr");
	CHECK_STR(screen(&cur), "dr");
	CHECK_EQ(cur, 2);
	keys("x\x1b[A\x1b[Dy\x1b[A\x1b[B\x1b[B\r"); /* edits, then back to draft */
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, "x");
	CHECK_STR(screen(NULL), "x");
	keys("\x1b[A\x1b[A\x1b[A\x1b[H\x1b[3~\r"); /* edit a recalled line */
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, " long line");
	CHECK_STR(screen(NULL), " long line");
	CHECK_STR(le.hist[0], "a long line");
}

UNIT_TEST(history_keeps_ten)
{
	char buf[256], in[200] = "";
	int i;

	reset();
	for (i = 0; i < 12; i++)
		sprintf(in + strlen(in), "l%d\r", i);
	keys(in);
	for (i = 0; i < 12; i++)
		read_line(buf, sizeof(buf));
	CHECK_EQ(le.hist_count, LINEEDIT_HISTORY);
	in[0] = '\0';
	for (i = 0; i < 12; i++)
		strcat(in, "\x1b[A");
	strcat(in, "\r");
	keys(in);
	read_line(buf, sizeof(buf));
	CHECK_STR(buf, "l2");
}

UNIT_TEST(getc_error)
{
	char buf[256];

	reset();
	keys("ab");
	CHECK_EQ(read_line(buf, sizeof(buf)), -EIO);
	CHECK_STR(buf, "ab");
	keys("x\x1b[");
	CHECK_EQ(read_line(buf, sizeof(buf)), -EIO);
	keys_n("\0\r", 2);
	CHECK_EQ(read_line(buf, sizeof(buf)), 0);
}

UNIT_MAIN();
