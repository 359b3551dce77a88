/*
 * Command-line helpers of the basic firmware: splitting a line into
 * blank-separated arguments and reading hex numbers, the only number format
 * the firmware's commands accept.
 */
#include <errno.h>

#include "basic_lib.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int args_split(char *line, char **argv, int max)
{
	int argc = 0;

	for (;;) {
		while (is_blank(*line))
			*line++ = '\0';
		if (!*line)
			return argc;
		if (argc == max)
			return -E2BIG;
		argv[argc++] = line;
		while (*line && !is_blank(*line))
			line++;
	}
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int parse_hex(const char *s, uint64_t *val)
{
	uint64_t v = 0;
	int d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		d = hex_digit(*s);
		if (d < 0)
			return -EINVAL;
		if (v >> 60)
			return -ERANGE;
		v = (v << 4) | (uint64_t)d;
	}
	*val = v;
	return 0;
}
