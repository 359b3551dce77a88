/*
 * The shell prompt's line editor (contract in include/vmm/lineedit.h): key
 * decoding, in-place editing of the line with the terminal redraw that keeps
 * the screen in step (the cursor moves left with '\b' and right by
 * reprinting), and the small history that ESC[A / ESC[B walk.
 */
#include <errno.h>
#include <string.h>
#include <vmm/lineedit.h>

#define KEY_ESC		0x1b

enum key {
	KEY_NONE, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_DELETE, KEY_UP, KEY_DOWN,
};

struct edit {
	struct lineedit *le;
	char *buf;
	int len, pos, max;
	int hidx;			/* history entry shown; hist_count = draft */
};

void lineedit_init(struct lineedit *le, int (*getc)(void *ctx), void (*putc)(void *ctx, char c),
		   void *ctx)
{
	memset(le, 0, sizeof(*le));
	le->getc = getc;
	le->putc = putc;
	le->ctx = ctx;
}

static void put(struct edit *e, char c)
{
	e->le->putc(e->le->ctx, c);
}

static void put_n(struct edit *e, char c, int n)
{
	while (n-- > 0)
		put(e, c);
}

/* Print buf[from..len) and pad blanks, then return the cursor to e->pos. */
static void redraw_tail(struct edit *e, int from, int blanks)
{
	int i;

	for (i = from; i < e->len; i++)
		put(e, e->buf[i]);
	put_n(e, ' ', blanks);
	put_n(e, '\b', e->len + blanks - e->pos);
}

static void insert(struct edit *e, char c)
{
	if (e->len >= e->max)
		return;
	memmove(e->buf + e->pos + 1, e->buf + e->pos, e->len - e->pos);
	e->buf[e->pos] = c;
	e->len++;
	e->pos++;
	redraw_tail(e, e->pos - 1, 0);
}

static void delete_at_cursor(struct edit *e)
{
	if (e->pos >= e->len)
		return;
	memmove(e->buf + e->pos, e->buf + e->pos + 1, e->len - e->pos - 1);
	e->len--;
	redraw_tail(e, e->pos, 1);
}

static void move_to(struct edit *e, int pos)
{
	put_n(e, '\b', e->pos - pos);
	while (e->pos < pos)
		put(e, e->buf[e->pos++]);
	e->pos = pos;
}

static void backspace(struct edit *e)
{
	if (!e->pos)
		return;
	move_to(e, e->pos - 1);
	delete_at_cursor(e);
}

/* Replace the whole line with s (truncated to the line limit). */
static void replace_line(struct edit *e, const char *s)
{
	int old = e->len;
	int n = strnlen(s, e->max);

	move_to(e, 0);
	memcpy(e->buf, s, n);
	e->len = n;
	e->pos = n;
	redraw_tail(e, 0, old > n ? old - n : 0);
}

static void history_walk(struct edit *e, int dir)
{
	struct lineedit *le = e->le;
	int idx = e->hidx + dir;

	if (idx < 0 || idx > le->hist_count)
		return;
	if (e->hidx == le->hist_count) {
		memcpy(le->draft, e->buf, e->len);
		le->draft[e->len] = '\0';
	}
	e->hidx = idx;
	replace_line(e, idx == le->hist_count ? le->draft : le->hist[idx]);
}

static int is_blank_line(const char *s)
{
	for (; *s; s++) {
		if (*s != ' ' && *s != '\t')
			return 0;
	}
	return 1;
}

static void history_add(struct lineedit *le, const char *line)
{
	int i;

	if (is_blank_line(line))
		return;
	for (i = 0; i < le->hist_count && strcmp(le->hist[i], line); i++)
		;
	if (i == le->hist_count && le->hist_count == LINEEDIT_HISTORY)
		i = 0;
	else if (i == le->hist_count)
		le->hist_count++;
	memmove(le->hist[i], le->hist[i + 1], (le->hist_count - 1 - i) * sizeof(le->hist[0]));
	strcpy(le->hist[le->hist_count - 1], line);
}

/* Decode the rest of an escape sequence after ESC; returns a key or error. */
static int read_escape(struct lineedit *le)
{
	int c, intro, num = 0;

	intro = le->getc(le->ctx);
	if (intro < 0 || (intro != '[' && intro != 'O'))
		return intro < 0 ? intro : KEY_NONE;
	for (;;) {
		c = le->getc(le->ctx);
		if (c < 0)
			return c;
		if (intro == '[' && c >= '0' && c <= '9' && num < 100)
			num = num * 10 + (c - '0');
		else
			break;
	}
	switch (c) {
	case 'A':
		return KEY_UP;
	case 'B':
		return KEY_DOWN;
	case 'C':
		return KEY_RIGHT;
	case 'D':
		return KEY_LEFT;
	case 'H':
		return KEY_HOME;
	case 'F':
		return KEY_END;
	case '~':
		if (num == 3)
			return KEY_DELETE;
		if (num == 1 || num == 7)
			return KEY_HOME;
		if (num == 4 || num == 8)
			return KEY_END;
		return KEY_NONE;
	default:
		return KEY_NONE;
	}
}

static void do_key(struct edit *e, int key)
{
	switch (key) {
	case KEY_LEFT:
		if (e->pos)
			move_to(e, e->pos - 1);
		break;
	case KEY_RIGHT:
		if (e->pos < e->len)
			move_to(e, e->pos + 1);
		break;
	case KEY_HOME:
		move_to(e, 0);
		break;
	case KEY_END:
		move_to(e, e->len);
		break;
	case KEY_DELETE:
		delete_at_cursor(e);
		break;
	case KEY_UP:
		history_walk(e, -1);
		break;
	case KEY_DOWN:
		history_walk(e, 1);
		break;
	default:
		break;
	}
}

int lineedit_read(struct lineedit *le, char *buf, size_t size)
{
	struct edit e = { .le = le, .buf = buf, .hidx = le->hist_count };
	int c, key;

	if (!size)
		return -EINVAL;
	e.max = size - 1 < LINEEDIT_LINE_MAX - 1 ? (int)size - 1 : LINEEDIT_LINE_MAX - 1;
	for (;;) {
		c = le->getc(le->ctx);
		if (c < 0)
			goto out;
		if (c == '\n' && le->after_cr) {
			le->after_cr = 0;
			continue;
		}
		le->after_cr = 0;
		if (c == '\r' || c == '\n') {
			le->after_cr = c == '\r';
			break;
		}
		if (c == '\b' || c == 0x7f) {
			backspace(&e);
		} else if (c == KEY_ESC) {
			key = read_escape(le);
			if (key < 0) {
				c = key;
				goto out;
			}
			do_key(&e, key);
		} else if (c >= 0x20 && c < 0x7f) {
			insert(&e, c);
		}
	}
	put(&e, '\r');
	put(&e, '\n');
	buf[e.len] = '\0';
	history_add(le, buf);
	return e.len;
out:
	buf[e.len] = '\0';
	return c;
}
