/*
 * Unit tests of the shell executor (core/cmd.c) and of the help and echo
 * commands: tokenizing, ';' chains, the argument limit, error lines,
 * C-style number parsing and the help listing format.
 */
#include <errno.h>
#include <stdlib.h>
#include <vmm/cmd.h>
#include "capture.h"
#undef UNIT_TEST /* tests.mk passes -DUNIT_TEST, a name unit.h defines */
#include "unit.h"

static char calls[1024];
static int last_argc;
static char *last_argv[VMM_CMD_MAX_ARGS + 2];

/* Appends "name:arg,arg|" to calls and keeps argc/argv of the last call. */
static void record(int argc, char **argv)
{
	int i;

	strcat(calls, argv[0]);
	strcat(calls, ":");
	for (i = 1; i < argc; i++) {
		strcat(calls, argv[i]);
		if (i + 1 < argc)
			strcat(calls, ",");
	}
	strcat(calls, "|");
	last_argc = argc;
	for (i = 0; i <= argc; i++)
		last_argv[i] = argv[i];
}

static void t_rec_usage(void)
{
	printf("t_rec usage text\n");
}

static int t_rec_exec(int argc, char **argv)
{
	record(argc, argv);
	return 0;
}

static int t_fail_exec(int argc, char **argv)
{
	record(argc, argv);
	return -EIO;
}

VMM_DECLARE_CMD(t_rec_cmd, "t_rec", "records its arguments", t_rec_usage, t_rec_exec);
VMM_DECLARE_CMD(t_fail_cmd, "t_fail", "always fails", NULL, t_fail_exec);

static int run(const char *line, const char **out)
{
	char buf[4096];
	int rc;

	calls[0] = '\0';
	last_argc = -1;
	snprintf(buf, sizeof(buf), "%s", line);
	capture_begin();
	rc = vmm_cmd_exec_line(buf);
	*out = capture_end();
	return rc;
}

UNIT_TEST(find_is_exact)
{
	CHECK(vmm_cmd_find("t_rec") == &t_rec_cmd);
	CHECK(vmm_cmd_find("help") != NULL);
	CHECK(vmm_cmd_find("T_REC") == NULL);
	CHECK(vmm_cmd_find("t_re") == NULL);
	CHECK(vmm_cmd_find("t_rec ") == NULL);
}

UNIT_TEST(blanks_separate_args)
{
	const char *out;

	CHECK_EQ(run("  t_rec  a\tb \t c  ", &out), 0);
	CHECK_STR(calls, "t_rec:a,b,c|");
	CHECK_EQ(last_argc, 4);
	CHECK(last_argv[4] == NULL);
	CHECK_STR(out, "");
}

UNIT_TEST(no_quoting)
{
	const char *out;

	CHECK_EQ(run("t_rec \"a b\" 'c\\ d'", &out), 0);
	CHECK_STR(calls, "t_rec:\"a,b\",'c\\,d'|");
}

UNIT_TEST(semicolons_chain_and_empty_commands_skip)
{
	const char *out;

	CHECK_EQ(run(";t_rec a;t_rec b ; ;  t_rec\tc;;", &out), 0);
	CHECK_STR(calls, "t_rec:a|t_rec:b|t_rec:c|");
	CHECK_EQ(run("", &out), 0);
	CHECK_STR(calls, "");
	CHECK_EQ(run(" \t ", &out), 0);
	CHECK_STR(out, "");
}

UNIT_TEST(failure_stops_the_line)
{
	const char *out;

	CHECK_EQ(run("t_rec a; t_fail x ;t_rec b", &out), -EIO);
	CHECK_STR(calls, "t_rec:a|t_fail:x|");
	CHECK_STR(out, "Error: command t_fail failed (code -5)\n");
}

UNIT_TEST(unknown_command_stops_the_line)
{
	const char *out;

	CHECK_EQ(run("t_rec a;nope x;t_rec b", &out), -ENOENT);
	CHECK_STR(calls, "t_rec:a|");
	CHECK_STR(out, "Error: unknown command nope\n");
	CHECK_EQ(run("T_REC", &out), -ENOENT);
	CHECK_STR(out, "Error: unknown command T_REC\n");
}

UNIT_TEST(extra_args_dropped)
{
	char line[512] = "t_rec";
	const char *out;
	int i;

	for (i = 1; i < 40; i++)
		sprintf(line + strlen(line), " a%d", i);
	strcat(line, ";t_rec next");
	calls[0] = '\0';
	capture_begin();
	CHECK_EQ(vmm_cmd_exec_line(line), 0);
	out = capture_end();
	CHECK_STR(out, "");
	/* the last call is "t_rec next"; check the first one through calls */
	CHECK(strstr(calls, ",a31|t_rec:next|") != NULL);
	CHECK(strstr(calls, "a32") == NULL);
	CHECK_EQ(last_argc, 2);
}

UNIT_TEST(exactly_32_args_kept)
{
	char line[512] = "t_rec";
	const char *out;
	int i;

	for (i = 1; i < 35; i++)
		sprintf(line + strlen(line), " a%d", i);
	CHECK_EQ(run(line, &out), 0);
	CHECK_EQ(last_argc, VMM_CMD_MAX_ARGS);
	CHECK_STR(last_argv[31], "a31");
	CHECK(last_argv[32] == NULL);
}

UNIT_TEST(parse_ulong)
{
	unsigned long v = 7;

	CHECK_EQ(vmm_cmd_parse_ulong("0x1000000", &v), 0);
	CHECK_EQ(v, 0x1000000);
	CHECK_EQ(vmm_cmd_parse_ulong("0X1f", &v), 0);
	CHECK_EQ(v, 0x1f);
	CHECK_EQ(vmm_cmd_parse_ulong("010", &v), 0);
	CHECK_EQ(v, 8);
	CHECK_EQ(vmm_cmd_parse_ulong("21", &v), 0);
	CHECK_EQ(v, 21);
	CHECK_EQ(vmm_cmd_parse_ulong("0", &v), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(vmm_cmd_parse_ulong("0xffffffffffffffff", &v), 0);
	CHECK(v == ~0UL);
	v = 7;
	CHECK_EQ(vmm_cmd_parse_ulong("", &v), -EINVAL);
	CHECK_EQ(vmm_cmd_parse_ulong("x1", &v), -EINVAL);
	CHECK_EQ(vmm_cmd_parse_ulong("12a", &v), -EINVAL);
	CHECK_EQ(vmm_cmd_parse_ulong("0x", &v), -EINVAL);
	CHECK_EQ(vmm_cmd_parse_ulong("08", &v), -EINVAL);
	CHECK_EQ(vmm_cmd_parse_ulong("-1", &v), -EINVAL);
	CHECK_EQ(vmm_cmd_parse_ulong("+1", &v), -EINVAL);
	CHECK_EQ(vmm_cmd_parse_ulong(" 1", &v), -EINVAL);
	CHECK_EQ(vmm_cmd_parse_ulong("1 ", &v), -EINVAL);
	CHECK_EQ(vmm_cmd_parse_ulong("0x10000000000000000", &v), -ERANGE);
	CHECK_EQ(v, 7);
}

UNIT_TEST(usage_helper)
{
	const char *out;

	capture_begin();
	CHECK_EQ(vmm_cmd_usage(&t_rec_cmd), -EINVAL);
	CHECK_EQ(vmm_cmd_usage(&t_fail_cmd), -EINVAL);
	out = capture_end();
	CHECK_STR(out, "t_rec usage text\nUsage: t_fail\n");
}

UNIT_TEST(help_lists_sorted)
{
	const char *out, *line;
	char prev[64] = "", name[64];
	int n = 0;

	CHECK_EQ(run("help", &out), 0);
	CHECK(strstr(out, "echo         - echo the words given\n") != NULL);
	CHECK(strstr(out, "help         - displays list of all commands\n") != NULL);
	CHECK(strstr(out, "t_rec        - records its arguments\n") != NULL);
	for (line = out; *line; line = strchr(line, '\n') + 1) {
		CHECK_EQ(sscanf(line, "%63s", name), 1);
		CHECK(strcmp(prev, name) < 0);
		CHECK(strncmp(line + 12, " - ", 3) == 0);
		strcpy(prev, name);
		n++;
	}
	CHECK_EQ(n, 4);
}

UNIT_TEST(help_named_commands)
{
	const char *out;

	CHECK_EQ(run("help t_rec echo", &out), 0);
	CHECK(!strncmp(out, "t_rec        - records its arguments\nt_rec usage text\n"
			    "echo         - echo the words given\nUsage:\n", 68));
	CHECK_EQ(run("help t_rec nope t_fail", &out), -ENOENT);
	CHECK_STR(out, "t_rec        - records its arguments\nt_rec usage text\n"
		       "help: unknown command nope\n"
		       "Error: command help failed (code -2)\n");
}

UNIT_TEST(echo_joins_words)
{
	const char *out;

	CHECK_EQ(run("echo  hello \t world ;echo;echo x", &out), 0);
	CHECK_STR(out, "hello world\n\nx\n");
}

UNIT_MAIN();
