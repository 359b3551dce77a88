/*
 * Unit tests of the xscript interpreter (core/shell/xscript.c): line ends,
 * comments, the stop rule and its message, the line length limit, the
 * unterminated last line and the always-succeed "vfs run" wrapper.
 */
#include <errno.h>
#include <stdlib.h>
#include <vmm/xscript.h>
#include "capture.h"
#include "fake_cmds.h"
#include "unit.h"

static const char *inner_script = "t_rec in1\nt_fail in2\nt_rec in3\n";

static int t_nest_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return xscript_run("inner", inner_script, strlen(inner_script));
}

VMM_CMD(t_nest_cmd) = {
	.name = "t_nest",
	.desc = "runs a nested script",
	.usage = NULL,
	.exec = t_nest_exec,
};

/* Run exactly len bytes from a heap copy, so ASan catches over-reads. */
static int exec(const char *text, size_t len, int *line, const char **out)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, text, len);
	fake_reset();
	capture_begin();
	rc = xscript_exec("/s.xscript", copy, len, line);
	*out = capture_end();
	free(copy);
	return rc;
}

static int exec_str(const char *text, int *line, const char **out)
{
	return exec(text, strlen(text), line, out);
}

UNIT_TEST(runs_lines_and_skips_comments)
{
	const char *out;
	int line = 5;

	CHECK_EQ(exec_str("# header\nt_rec a\n\n  t_rec b c # trailing ; t_fail\n#t_fail\n"
			  "t_rec d#x\n   \t\nt_rec last", &line, &out), 0);
	CHECK_STR(fake_calls, "t_rec:a|t_rec:b,c|t_rec:d|t_rec:last|");
	CHECK_EQ(line, -1);
	CHECK_STR(out, "");
}

UNIT_TEST(cr_lf_and_nul_end_lines)
{
	const char *out;
	int line;

	CHECK_EQ(exec("t_rec a\r\nt_rec b\rt_rec c\0t_rec d\n", 32, &line, &out), 0);
	CHECK_STR(fake_calls, "t_rec:a|t_rec:b|t_rec:c|t_rec:d|");
	/* bytes past len are not read */
	CHECK_EQ(exec("t_rec a\nt_rec b", 14, &line, &out), 0);
	CHECK_STR(fake_calls, "t_rec:a|t_rec:|");
	CHECK_EQ(exec("", 0, &line, &out), 0);
	CHECK_STR(fake_calls, "");
}

UNIT_TEST(stops_at_first_failing_line)
{
	const char *out;
	int line;

	CHECK_EQ(exec_str("t_rec a\nt_fail x\nt_rec b\n", &line, &out), -EIO);
	CHECK_STR(fake_calls, "t_rec:a|t_fail:x|");
	CHECK_EQ(line, 2);
	CHECK_STR(out, "Error: command t_fail failed (code -5)\n"
		       "/s.xscript: line2: failed (error -5)\n");
}

UNIT_TEST(crlf_counts_two_lines)
{
	const char *out;
	int line;

	CHECK_EQ(exec_str("t_rec a\r\n\r\nnope\r\nt_rec b\r\n", &line, &out), -ENOENT);
	CHECK_EQ(line, 5);
	CHECK_STR(out, "Error: unknown command nope\n/s.xscript: line5: failed (error -2)\n");
	CHECK_STR(fake_calls, "t_rec:a|");
}

UNIT_TEST(chain_in_a_line_stops_the_script)
{
	const char *out;
	int line;

	CHECK_EQ(exec_str("t_rec a; t_fail; t_rec b\nt_rec c\n", &line, &out), -EIO);
	CHECK_STR(fake_calls, "t_rec:a|t_fail:|");
	CHECK_EQ(line, 1);
}

UNIT_TEST(line_length_limit)
{
	char *text = malloc(XSCRIPT_LINE_MAX + 32);
	const char *out;
	int line;

	strcpy(text, "t_rec ");
	memset(text + 6, 'x', XSCRIPT_LINE_MAX - 1 - 6);
	strcpy(text + XSCRIPT_LINE_MAX - 1, "\nt_rec b");
	CHECK_EQ(exec_str(text, &line, &out), 0);
	CHECK_EQ(fake_last_argc, 2);
	CHECK(strstr(fake_calls, "xxx|t_rec:b|") != NULL);
	CHECK_EQ(strlen(fake_calls), XSCRIPT_LINE_MAX - 1 + 1 + 8);

	strcpy(text, "t_rec a\nt_rec ");
	memset(text + 14, 'y', XSCRIPT_LINE_MAX - 6);
	strcpy(text + 8 + XSCRIPT_LINE_MAX, "\nt_rec b\n");
	CHECK_EQ(exec_str(text, &line, &out), -E2BIG);
	CHECK_EQ(line, 2);
	CHECK_STR(fake_calls, "t_rec:a|");
	CHECK(strstr(out, "/s.xscript: line2: too long") == out);
	CHECK(strstr(out, "/s.xscript: line2: failed (error -7)\n") != NULL);
	free(text);
}

UNIT_TEST(run_returns_success_after_failure)
{
	const char *text = "t_rec a\nt_fail\nt_rec b\n";
	const char *out;
	int rc;

	fake_reset();
	capture_begin();
	rc = xscript_run("/boot.xscript", text, strlen(text));
	out = capture_end();
	CHECK_EQ(rc, 0);
	CHECK_STR(fake_calls, "t_rec:a|t_fail:|");
	CHECK_STR(out, "Error: command t_fail failed (code -5)\n"
		       "/boot.xscript: line2: failed (error -5)\n");
}

UNIT_TEST(nested_script_failure_does_not_stop_outer)
{
	const char *out;
	int line;

	CHECK_EQ(exec_str("t_rec a\nt_nest\nt_rec b\n", &line, &out), 0);
	CHECK_STR(fake_calls, "t_rec:a|t_rec:in1|t_fail:in2|t_rec:b|");
	CHECK_STR(out, "Error: command t_fail failed (code -5)\ninner: line2: failed (error -5)\n");
}

UNIT_MAIN();
