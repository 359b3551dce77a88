/*
 * The terminal side of `vserial bind`/`dump`: decorating a port's output
 * for the hypervisor console with the "[<name>] " prefix (after CR, LF and
 * cursor-home sequences, with absolute cursor moves shifted right by the
 * prefix width), and filtering the keys typed at the console (ESC x q
 * detaches, cursor position reports are shifted back).  Both are small
 * state machines that keep a partial escape sequence across calls.
 */
#include <stdio.h>
#include <string.h>
#include <vmm/vserial.h>

#define ESC		'\033'

enum { ST_TEXT, ST_ESC, ST_CSI, ST_ESC_X };

/* Parse "r;c" (both non-empty decimal numbers) from a CSI parameter string. */
static int parse_row_col(const char *p, size_t len, unsigned long *row, unsigned long *col)
{
	unsigned long v[2] = { 0, 0 };
	size_t digits = 0;
	int field = 0;

	for (size_t i = 0; i < len; i++) {
		if (p[i] == ';') {
			if (field || !digits)
				return 0;
			field = 1;
			digits = 0;
		} else if (p[i] >= '0' && p[i] <= '9') {
			if (++digits > 9)
				return 0;
			v[field] = v[field] * 10 + (unsigned long)(p[i] - '0');
		} else {
			return 0;
		}
	}
	if (field != 1 || !digits)
		return 0;
	*row = v[0];
	*col = v[1];
	return 1;
}

static int csi_param_char(char c)
{
	return (c >= '0' && c <= '9') || c == ';';
}

void vserial_deco_init(struct vserial_deco *d, const char *name,
		       void (*emit)(void *arg, const char *buf, size_t len), void *arg)
{
	memset(d, 0, sizeof(*d));
	d->prefix_len = (size_t)snprintf(d->prefix, sizeof(d->prefix), "[%s] ", name);
	if (d->prefix_len >= sizeof(d->prefix))
		d->prefix_len = sizeof(d->prefix) - 1;
	d->emit = emit;
	d->arg = arg;
}

static void deco_flush_seq(struct vserial_deco *d)
{
	d->emit(d->arg, d->seq, d->seq_len);
	d->seq_len = 0;
	d->state = ST_TEXT;
}

/* A complete CSI sequence ending in final: rewrite it or pass it on. */
static void deco_csi_end(struct vserial_deco *d, char final)
{
	unsigned long row, col;
	char buf[48];
	int n;

	if (final == 'H' && d->seq_len == 2) {
		d->emit(d->arg, "\033[H", 3);
		d->emit(d->arg, d->prefix, d->prefix_len);
	} else if ((final == 'H' || final == 'f') &&
		   parse_row_col(d->seq + 2, d->seq_len - 2, &row, &col)) {
		n = snprintf(buf, sizeof(buf), "\033[%lu;0%c", row, final);
		d->emit(d->arg, buf, (size_t)n);
		d->emit(d->arg, d->prefix, d->prefix_len);
		n = snprintf(buf, sizeof(buf), "\033[%lu;%lu%c", row, col + d->prefix_len, final);
		d->emit(d->arg, buf, (size_t)n);
	} else {
		d->emit(d->arg, d->seq, d->seq_len);
		d->emit(d->arg, &final, 1);
	}
	d->seq_len = 0;
	d->state = ST_TEXT;
}

void vserial_deco_feed(struct vserial_deco *d, const char *buf, size_t len)
{
	size_t run = 0;		/* start of the pending run of plain text */
	size_t i = 0;

	while (i < len) {
		char c = buf[i];

		if (d->state == ST_TEXT) {
			if (c == '\r' || c == '\n') {
				d->emit(d->arg, buf + run, i + 1 - run);
				d->emit(d->arg, d->prefix, d->prefix_len);
				run = ++i;
			} else if (c == ESC) {
				if (i > run)
					d->emit(d->arg, buf + run, i - run);
				d->seq[0] = ESC;
				d->seq_len = 1;
				d->state = ST_ESC;
				run = ++i;
			} else {
				i++;
			}
			continue;
		}
		/* Inside an escape sequence: bytes are held in d->seq. */
		if (d->state == ST_ESC && c == '[') {
			d->seq[d->seq_len++] = c;
			d->state = ST_CSI;
		} else if (d->state == ST_CSI && csi_param_char(c) &&
			   d->seq_len < sizeof(d->seq)) {
			d->seq[d->seq_len++] = c;
		} else if (d->state == ST_CSI && (c == 'H' || c == 'f')) {
			deco_csi_end(d, c);
		} else {
			/* Not ours: pass the held bytes, re-read c as text. */
			deco_flush_seq(d);
			run = i;
			continue;
		}
		run = ++i;
	}
	if (d->state == ST_TEXT && len > run)
		d->emit(d->arg, buf + run, len - run);
}

void vserial_keys_init(struct vserial_keys *k, const char *name)
{
	memset(k, 0, sizeof(*k));
	k->width = strlen(name) + 3;
}

/* Give up on the held sequence: it goes out unchanged, then c as a key. */
static int keys_flush(struct vserial_keys *k, char c, char *out)
{
	size_t n = k->seq_len;
	int more;

	memcpy(out, k->seq, n);
	k->seq_len = 0;
	k->state = ST_TEXT;
	more = vserial_keys_feed(k, c, out + n);
	return (int)n + (more > 0 ? more : 0);
}

int vserial_keys_feed(struct vserial_keys *k, char c, char *out)
{
	unsigned long row, col;

	switch (k->state) {
	case ST_TEXT:
		if (c != ESC) {
			out[0] = c;
			return 1;
		}
		k->seq[0] = ESC;
		k->seq_len = 1;
		k->state = ST_ESC;
		return 0;
	case ST_ESC:
		if (c != 'x' && c != '[')
			return keys_flush(k, c, out);
		k->seq[k->seq_len++] = c;
		k->state = c == 'x' ? ST_ESC_X : ST_CSI;
		return 0;
	case ST_ESC_X:
		if (c == 'q') {
			k->seq_len = 0;
			k->state = ST_TEXT;
			return -1;
		}
		return keys_flush(k, c, out);
	default:
		if (csi_param_char(c) && k->seq_len < sizeof(k->seq)) {
			k->seq[k->seq_len++] = c;
			return 0;
		}
		if (c != 'R' || !parse_row_col(k->seq + 2, k->seq_len - 2, &row, &col))
			return keys_flush(k, c, out);
		col = col > k->width ? col - k->width : 0;
		k->seq_len = 0;
		k->state = ST_TEXT;
		return snprintf(out, VSERIAL_SEQ_MAX + 1, "\033[%lu;%luR", row, col);
	}
}
