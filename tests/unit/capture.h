/*
 * Stdout capture for host unit tests: capture_begin() redirects file
 * descriptor 1 into a temporary file and capture_end() restores it and
 * returns everything printed in between (NUL-terminated, static buffer).
 */
#ifndef UNIT_CAPTURE_H
#define UNIT_CAPTURE_H

#include <stdio.h>
#include <unistd.h>

static FILE *capture_tmp;
static int capture_saved = -1;
static char capture_buf[65536];

static inline void capture_begin(void)
{
	fflush(stdout);
	capture_tmp = tmpfile();
	capture_saved = dup(1);
	dup2(fileno(capture_tmp), 1);
}

static inline const char *capture_end(void)
{
	size_t n;

	fflush(stdout);
	dup2(capture_saved, 1);
	close(capture_saved);
	rewind(capture_tmp);
	n = fread(capture_buf, 1, sizeof(capture_buf) - 1, capture_tmp);
	capture_buf[n] = '\0';
	fclose(capture_tmp);
	return capture_buf;
}

#endif
