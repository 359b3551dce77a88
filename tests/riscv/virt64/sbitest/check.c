/*
 * Result reporting of the test guest: one "PASS <name>" or
 * "FAIL <name>: got X want Y" line per check, and the final
 * "SBITEST: N passed, M failed" line.
 */
#include <stdio.h>

#include "sbitest.h"

static unsigned int passed, failed;

void check_reset(void)
{
	passed = 0;
	failed = 0;
}

unsigned int check_failed(void)
{
	return failed;
}

static void pass(const char *name)
{
	passed++;
	printf("PASS %s\n", name);
}

void check_eq(const char *name, long got, long want)
{
	if (got == want) {
		pass(name);
		return;
	}
	failed++;
	printf("FAIL %s: got %ld want %ld\n", name, got, want);
}

void check_err(const char *name, struct sbiret r, long want_error)
{
	check_eq(name, r.error, want_error);
}

void check_ret(const char *name, struct sbiret r, long want_error, long want_value)
{
	if (r.error == want_error && r.value == want_value) {
		pass(name);
		return;
	}
	failed++;
	printf("FAIL %s: got error=%ld value=%ld want error=%ld value=%ld\n", name,
	       r.error, r.value, want_error, want_value);
}

void check_skip(const char *what, const char *why)
{
	printf("SKIP %s: %s\n", what, why);
}

void check_summary(void)
{
	printf("SBITEST: %u passed, %u failed\n", passed, failed);
}
