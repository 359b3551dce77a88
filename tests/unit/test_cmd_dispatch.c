/*
 * Unit tests of the subcommand dispatcher (core/shell/cmd.c): a command
 * with a subcommand table runs the matching handler with the full argv,
 * answers "<cmd> help" with its usage and 0, and prints the usage from
 * the same table and fails with -EINVAL on an unknown subcommand, a wrong
 * argument count or a handler's VMM_CMD_BAD_ARGS.
 */
#include <errno.h>
#include <vmm/cmd.h>
#include "capture.h"
#include "unit.h"

static char calls[1024];

static int rec(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		sprintf(calls + strlen(calls), "%s%s", i ? "," : "", argv[i]);
	strcat(calls, "|");
	return 0;
}

static int bad(int argc, char **argv)
{
	rec(argc, argv);
	return VMM_CMD_BAD_ARGS;
}

static int fail(int argc, char **argv)
{
	rec(argc, argv);
	return -EIO;
}

static const struct vmm_subcmd tab_subcmds[] = {
	{ "one", 0, 0, rec, NULL },
	{ "two words", 1, 2, rec, "<a> [<b>]" },
	{ "two more", 0, 0, rec, "<a> [<b>]" },
	{ "x", 1, 1, rec, "<name>" },
	{ "y", 1, 1, fail, "<name>" },
	{ "bad", 0, 0, bad, "   - always malformed" },
};

static const struct vmm_subcmd bare_subcmds[] = {
	{ "", 0, 1, rec, "[<n>]" },
};

VMM_CMD(tab_cmd) = {
	.name = "t_tab",
	.desc = "table command",
	VMM_SUBCMDS(tab_subcmds),
	.note = "Note:\n   a note\n",
};
VMM_CMD(bare_cmd) = {
	.name = "t_bare",
	.desc = "no subcommand words",
	VMM_SUBCMDS(bare_subcmds),
};

static const char tab_usage[] = "Usage:\n"
				"   t_tab help\n"
				"   t_tab one\n"
				"   t_tab two words|more <a> [<b>]\n"
				"   t_tab x|y <name>\n"
				"   t_tab bad    - always malformed\n"
				"Note:\n   a note\n";

static int run(const char *line, const char **out)
{
	char buf[256];
	int rc;

	calls[0] = '\0';
	snprintf(buf, sizeof(buf), "%s", line);
	capture_begin();
	rc = vmm_cmd_exec_line(buf);
	*out = capture_end();
	return rc;
}

UNIT_TEST(matching_subcommand_gets_full_argv)
{
	const char *out;

	CHECK_EQ(run("t_tab one", &out), 0);
	CHECK_STR(calls, "t_tab,one|");
	CHECK_STR(out, "");
	CHECK_EQ(run("t_tab two words A; t_tab two words A B; t_tab two more", &out), 0);
	CHECK_STR(calls, "t_tab,two,words,A|t_tab,two,words,A,B|t_tab,two,more|");
	CHECK_EQ(run("t_tab x 1", &out), 0);
	CHECK_STR(calls, "t_tab,x,1|");
}

UNIT_TEST(help_prints_usage_and_succeeds)
{
	const char *out;

	CHECK_EQ(run("t_tab help; t_bare help; t_tab one", &out), 0);
	CHECK_STR(calls, "t_tab,one|");
	CHECK(!strncmp(out, tab_usage, strlen(tab_usage)));
	CHECK_STR(out + strlen(tab_usage), "Usage:\n   t_bare help\n   t_bare [<n>]\n");
}

UNIT_TEST(bad_subcommand_or_count_prints_usage)
{
	static const char *const lines[] = {
		"t_tab", "t_tab nope", "t_tab one extra", "t_tab two", "t_tab two words",
		"t_tab two words a b c", "t_tab help me", "t_tab ONE", "t_bare 1 2",
	};
	const char *out;
	char expect[1024];

	for (unsigned int i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		CHECK_EQ(run(lines[i], &out), -EINVAL);
		CHECK_STR(calls, "");
		snprintf(expect, sizeof(expect), "%sError: command %.*s failed (code -22)\n",
			 i == 8 ? "Usage:\n   t_bare help\n   t_bare [<n>]\n" : tab_usage,
			 (int)strcspn(lines[i], " "), lines[i]);
		CHECK_STR(out, expect);
	}
}

UNIT_TEST(handler_errors)
{
	const char *out;
	char expect[1024];

	CHECK_EQ(run("t_tab bad; t_tab one", &out), -EINVAL);
	CHECK_STR(calls, "t_tab,bad|");
	snprintf(expect, sizeof(expect), "%sError: command t_tab failed (code -22)\n", tab_usage);
	CHECK_STR(out, expect);
	CHECK_EQ(run("t_tab y n; t_tab one", &out), -EIO);
	CHECK_STR(calls, "t_tab,y,n|");
	CHECK_STR(out, "Error: command t_tab failed (code -5)\n");
}

UNIT_TEST(empty_name_is_the_command_itself)
{
	const char *out;

	CHECK_EQ(run("t_bare; t_bare 7", &out), 0);
	CHECK_STR(calls, "t_bare|t_bare,7|");
}

UNIT_TEST(usage_helper_returns_einval)
{
	const char *out;

	capture_begin();
	CHECK_EQ(vmm_cmd_usage(vmm_cmd_find("t_tab")), -EINVAL);
	out = capture_end();
	CHECK_STR(out, tab_usage);
}

UNIT_MAIN();
