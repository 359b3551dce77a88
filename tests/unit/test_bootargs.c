/*
 * Unit tests of /chosen/bootargs parsing and boot command execution
 * (core/shell/bootargs.c): quoting, name equivalence, splitting, the echo lines
 * and the rule that a failing piece does not stop the following ones.
 */
#include <errno.h>
#include <stdlib.h>
#include <vmm/bootargs.h>
#include "capture.h"
#include "fake_cmds.h"
#include "unit.h"

static const char *get(const char *args, const char *param, int *rc)
{
	static char out[512];

	strcpy(out, "<untouched>");
	*rc = bootargs_get(args, param, out, sizeof(out));
	return out;
}

static const char *boot(const char *args, const char *list, size_t list_len)
{
	fake_reset();
	capture_begin();
	bootcmd_run(args, list, list_len);
	return capture_end();
}

UNIT_TEST(get_quoted_value)
{
	const char *args = "console=ttyS0 vmm.bootcmd=\"vfs mount initrd /;vfs run "
			   "/boot.xscript;vfs cat /system/banner.txt\" earlycon";
	int rc;

	CHECK_STR(get(args, "vmm.bootcmd", &rc),
		  "vfs mount initrd /;vfs run /boot.xscript;vfs cat /system/banner.txt");
	CHECK_EQ(rc, 67);
	CHECK_STR(get(args, "console", &rc), "ttyS0");
	CHECK_EQ(rc, 5);
	CHECK_STR(get(args, "earlycon", &rc), "");
	CHECK_EQ(rc, 0);
}

UNIT_TEST(get_name_rules)
{
	int rc;

	CHECK_STR(get("vmm-con_sole=serial@10000000", "vmm_con-sole", &rc), "serial@10000000");
	get("vmm.bootcmdx=1 vmm.boot=2 xvmm.bootcmd=3", "vmm.bootcmd", &rc);
	CHECK_EQ(rc, -ENOENT);
	get("vmm.bootcmd", "vmm.bootcmdx", &rc);
	CHECK_EQ(rc, -ENOENT);
	get("vmm_bootcmd=1", "vmm.bootcmd", &rc);
	CHECK_EQ(rc, -ENOENT);
	get("", "a", &rc);
	CHECK_EQ(rc, -ENOENT);
	CHECK_STR(get("a=1 a=2", "a", &rc), "2");
	CHECK_STR(get("A=1", "a", &rc), "<untouched>");
	CHECK_EQ(rc, -ENOENT);
}

UNIT_TEST(get_quotes_and_blanks)
{
	int rc;

	CHECK_STR(get("\t a=\"x  y\"\n\rb=2  ", "a", &rc), "x  y");
	CHECK_STR(get("\t a=\"x  y\"\n\rb=2  ", "b", &rc), "2");
	CHECK_STR(get("a=pre\"x y\"post c=3", "a", &rc), "prex ypost");
	CHECK_STR(get("\"a=x y\" c=3", "a", &rc), "x y");
	CHECK_STR(get("a=\"\" c=3", "a", &rc), "");
	CHECK_EQ(rc, 0);
	/* no escapes: the backslash is kept and the quote closes */
	CHECK_STR(get("a=\"x\\\" c=3\"", "a", &rc), "x\\");
	CHECK_STR(get("a=\"x\\\" c=3\"", "c", &rc), "3");
	CHECK_STR(get("a=\"unterminated c=3", "a", &rc), "unterminated c=3");
	get("a=\"unterminated c=3", "c", &rc);
	CHECK_EQ(rc, -ENOENT);
	CHECK_STR(get("a=b=c", "a", &rc), "b=c");
}

UNIT_TEST(get_small_buffer)
{
	char out[4];

	CHECK_EQ(bootargs_get("a=xyz", "a", out, sizeof(out)), 3);
	CHECK_STR(out, "xyz");
	CHECK_EQ(bootargs_get("a=wxyz", "a", out, sizeof(out)), -ENOSPC);
	CHECK_EQ(bootargs_get("a", "a", out, 0), -ENOSPC);
}

UNIT_TEST(split_at_every_semicolon)
{
	char value[] = "a;b c;;d;", v2[] = "a;b;c", v3[] = "";
	char *cmds[8];

	CHECK_EQ(bootcmd_split(value, cmds, 8), 5);
	CHECK_STR(cmds[0], "a");
	CHECK_STR(cmds[1], "b c");
	CHECK_STR(cmds[2], "");
	CHECK_STR(cmds[3], "d");
	CHECK_STR(cmds[4], "");
	CHECK_EQ(bootcmd_split(v2, cmds, 2), -E2BIG);
	CHECK_EQ(bootcmd_split(v3, cmds, 1), 1);
	CHECK_STR(cmds[0], "");
}

UNIT_TEST(run_continues_after_failures)
{
	const char *out;

	out = boot("root=/dev/ram vmm.bootcmd=\"t_rec a;t_fail x;t_rec b c; ;nope;t_rec d\" q",
		   "t_rec list\0", 11);
	CHECK_STR(out, "INIT: bootcmd: t_rec a\n"
		       "INIT: bootcmd: t_fail x\n"
		       "Error: command t_fail failed (code -5)\n"
		       "INIT: bootcmd: t_rec b c\n"
		       "INIT: bootcmd: nope\n"
		       "Error: unknown command nope\n"
		       "INIT: bootcmd: t_rec d\n");
	CHECK_STR(fake_calls, "t_rec:a|t_fail:x|t_rec:b,c|t_rec:d|");
}

UNIT_TEST(run_piece_length_limit)
{
	char args[600];
	const char *out;

	strcpy(args, "vmm.bootcmd=\"t_rec ");
	memset(args + 19, 'x', 249);
	strcpy(args + 268, ";t_rec ");
	memset(args + 275, 'y', 250);
	strcpy(args + 525, ";t_rec z\"");
	out = boot(args, NULL, 0);
	CHECK_EQ(fake_last_argc, 2);
	CHECK(strstr(fake_calls, "xx|t_rec:z|") != NULL);
	CHECK(strstr(fake_calls, "yy") == NULL);
	CHECK(strstr(out, "Error: boot command longer than 255 characters\n"
			  "INIT: bootcmd: t_rec z\n") != NULL);
}

UNIT_TEST(run_falls_back_to_chosen_list)
{
	static const char list[] = "t_rec a\0t_rec b;t_fail;t_rec c\0\0t_rec d";
	char *exact = malloc(sizeof(list) - 1);
	const char *out;

	memcpy(exact, list, sizeof(list) - 1);
	out = boot("console=ttyS0", exact, sizeof(list) - 1);
	CHECK_STR(out, "INIT: bootcmd: t_rec a\n"
		       "INIT: bootcmd: t_rec b;t_fail;t_rec c\n"
		       "Error: command t_fail failed (code -5)\n"
		       "INIT: bootcmd: t_rec d\n");
	CHECK_STR(fake_calls, "t_rec:a|t_rec:b|t_fail:|t_rec:d|");
	boot(NULL, exact, sizeof(list) - 1);
	CHECK_STR(fake_calls, "t_rec:a|t_rec:b|t_fail:|t_rec:d|");
	free(exact);
}

UNIT_TEST(run_bootargs_win_over_list)
{
	const char *out;

	out = boot("vmm.bootcmd=t_rec;t_rec", "t_rec list", 11);
	CHECK_STR(out, "INIT: bootcmd: t_rec\nINIT: bootcmd: t_rec\n");
	out = boot("vmm.bootcmd=", "t_rec list", 11);
	CHECK_STR(out, "");
	out = boot(NULL, NULL, 0);
	CHECK_STR(out, "");
	CHECK_STR(fake_calls, "");
}

UNIT_MAIN();
