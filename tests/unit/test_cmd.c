/*
 * Unit tests of the shell executor (core/shell/cmd.c) and of the help and echo
 * commands: tokenizing, ';' chains, the argument limit, error lines,
 * C-style number parsing and the help listing format.
 */
#include <errno.h>
#include <vmm/cmd.h>
#include "capture.h"
#include "fake_cmds.h"
#include "unit.h"

UNIT_TEST(find_is_exact)
{
	CHECK_STR(vmm_cmd_find("t_rec")->name, "t_rec");
	CHECK(vmm_cmd_find("help") != NULL);
	CHECK(vmm_cmd_find("T_REC") == NULL);
	CHECK(vmm_cmd_find("t_re") == NULL);
	CHECK(vmm_cmd_find("t_rec ") == NULL);
}

UNIT_TEST(blanks_separate_args)
{
	const char *out;

	CHECK_EQ(fake_run_line("  t_rec  a\tb \t c  ", &out), 0);
	CHECK_STR(fake_calls, "t_rec:a,b,c|");
	CHECK_EQ(fake_last_argc, 4);
	CHECK(fake_last_argv[4] == NULL);
	CHECK_STR(out, "");
}

UNIT_TEST(no_quoting)
{
	const char *out;

	CHECK_EQ(fake_run_line("t_rec \"a b\" 'c\\ d'", &out), 0);
	CHECK_STR(fake_calls, "t_rec:\"a,b\",'c\\,d'|");
}

UNIT_TEST(semicolons_chain_and_empty_commands_skip)
{
	const char *out;

	CHECK_EQ(fake_run_line(";t_rec a;t_rec b ; ;  t_rec\tc;;", &out), 0);
	CHECK_STR(fake_calls, "t_rec:a|t_rec:b|t_rec:c|");
	CHECK_EQ(fake_run_line("", &out), 0);
	CHECK_STR(fake_calls, "");
	CHECK_EQ(fake_run_line(" \t ", &out), 0);
	CHECK_STR(out, "");
}

UNIT_TEST(failure_stops_the_line)
{
	const char *out;

	CHECK_EQ(fake_run_line("t_rec a; t_fail x ;t_rec b", &out), -EIO);
	CHECK_STR(fake_calls, "t_rec:a|t_fail:x|");
	CHECK_STR(out, "Error: command t_fail failed (code -5)\n");
}

UNIT_TEST(unknown_command_stops_the_line)
{
	const char *out;

	CHECK_EQ(fake_run_line("t_rec a;nope x;t_rec b", &out), -ENOENT);
	CHECK_STR(fake_calls, "t_rec:a|");
	CHECK_STR(out, "Error: unknown command nope\n");
	CHECK_EQ(fake_run_line("T_REC", &out), -ENOENT);
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
	fake_reset();
	capture_begin();
	CHECK_EQ(vmm_cmd_exec_line(line), 0);
	out = capture_end();
	CHECK_STR(out, "");
	/* the last call is "t_rec next"; check the first one through fake_calls */
	CHECK(strstr(fake_calls, ",a31|t_rec:next|") != NULL);
	CHECK(strstr(fake_calls, "a32") == NULL);
	CHECK_EQ(fake_last_argc, 2);
}

UNIT_TEST(exactly_32_args_kept)
{
	char line[512] = "t_rec";
	const char *out;
	int i;

	for (i = 1; i < 35; i++)
		sprintf(line + strlen(line), " a%d", i);
	CHECK_EQ(fake_run_line(line, &out), 0);
	CHECK_EQ(fake_last_argc, VMM_CMD_MAX_ARGS);
	CHECK_STR(fake_last_argv[31], "a31");
	CHECK(fake_last_argv[32] == NULL);
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
	CHECK_EQ(vmm_cmd_usage(vmm_cmd_find("t_rec")), -EINVAL);
	CHECK_EQ(vmm_cmd_usage(vmm_cmd_find("t_fail")), -EINVAL);
	out = capture_end();
	CHECK_STR(out, "t_rec usage text\nUsage: t_fail\n");
}

UNIT_TEST(help_lists_sorted)
{
	const char *out, *line;
	char prev[64] = "", name[64];
	int n = 0;

	CHECK_EQ(fake_run_line("help", &out), 0);
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

	CHECK_EQ(fake_run_line("help t_rec echo", &out), 0);
	CHECK(!strncmp(out, "t_rec        - records its arguments\nt_rec usage text\n"
			    "echo         - echo the words given\nUsage:\n", 68));
	CHECK_EQ(fake_run_line("help t_rec nope t_fail", &out), -ENOENT);
	CHECK_STR(out, "t_rec        - records its arguments\nt_rec usage text\n"
		       "help: unknown command nope\n"
		       "Error: command help failed (code -2)\n");
}

UNIT_TEST(echo_joins_words)
{
	const char *out;

	CHECK_EQ(fake_run_line("echo  hello \t world ;echo;echo x", &out), 0);
	CHECK_STR(out, "hello world\n\nx\n");
}

UNIT_MAIN();
