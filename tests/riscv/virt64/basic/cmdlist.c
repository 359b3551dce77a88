/*
 * The autoexec command list: measuring the printable text stored in NOR and
 * walking it line by line.  Lines end with CR or LF; empty lines are skipped.
 */
#include "basic_lib.h"

static bool cmdlist_char(char c)
{
	return (c >= 0x20 && c <= 0x7e) || c == '\r' || c == '\n' || c == '\t';
}

size_t cmdlist_len(const char *p, size_t max)
{
	size_t n = 0;

	while (n < max && cmdlist_char(p[n]))
		n++;
	return n;
}

static bool is_eol(char c)
{
	return c == '\r' || c == '\n';
}

char *cmdlist_next(char **cursor)
{
	char *p = *cursor, *line;

	while (is_eol(*p))
		p++;
	if (!*p) {
		*cursor = p;
		return NULL;
	}
	line = p;
	while (*p && !is_eol(*p))
		p++;
	if (*p)
		*p++ = '\0';
	*cursor = p;
	return line;
}
