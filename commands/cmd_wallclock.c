/*
 * The `wallclock` command: show and set the hypervisor's wall clock and
 * its timezone.  Times are shown and typed as local time (UTC plus the
 * timezone), e.g. "Fri Nov 27 16:18:20 UTC+5:30 2026".
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/cmd.h>
#include <vmm/datetime.h>
#include <vmm/wallclock.h>

#define NS_PER_SEC	1000000000LL

static int wallclock_get_time(int argc, char **argv)
{
	char buf[DATETIME_STR_MAX];
	uint64_t ns;
	int tz;

	(void)argc;
	(void)argv;
	wallclock_get_ns(&ns);
	wallclock_get_timezone(&tz);
	datetime_format(buf, sizeof(buf), (int64_t)(ns / NS_PER_SEC), tz);
	printf("%s\n", buf);
	return 0;
}

static int wallclock_show_timezone(int argc, char **argv)
{
	char buf[16];
	int tz;

	(void)argc;
	(void)argv;
	wallclock_get_timezone(&tz);
	datetime_format_tz(buf, sizeof(buf), tz);
	printf("%s\n", buf);
	return 0;
}

static int parse_tz_arg(const char *s, int *tz)
{
	int rc = datetime_parse_tz(s, tz);

	if (rc)
		printf("Error: invalid timezone %s\n", s);
	return rc;
}

static int wallclock_set_time(int argc, char **argv)
{
	int64_t local;
	int tz, rc;

	wallclock_get_timezone(&tz);
	if (argc == 7 && parse_tz_arg(argv[6], &tz))
		return -EINVAL;
	rc = datetime_parse(argv[2], argv[3], argv[4], argv[5], &local);
	if (rc) {
		printf("Error: invalid date-time\n");
		return rc;
	}
	if (local - tz * 60LL < 0) {
		printf("Error: time before 1970\n");
		return -EINVAL;
	}
	wallclock_set_timezone(tz);
	return wallclock_set_ns((uint64_t)(local - tz * 60LL) * NS_PER_SEC);
}

static int wallclock_set_tz(int argc, char **argv)
{
	int tz;

	(void)argc;
	return parse_tz_arg(argv[2], &tz) ? -EINVAL : wallclock_set_timezone(tz);
}

static const struct vmm_subcmd wallclock_subcmds[] = {
	{ "get_time", 0, 0, wallclock_get_time, NULL },
	{ "set_time", 4, 5, wallclock_set_time,
	  "<hour>:<min>:<sec> <day> <month> <year> [+/-<tz_hour>:<tz_min>]" },
	{ "get_timezone", 0, 0, wallclock_show_timezone, NULL },
	{ "set_timezone", 1, 1, wallclock_set_tz, "+/-<tz_hour>:<tz_min>" },
};

VMM_CMD(wallclock_cmd) = {
	.name = "wallclock",
	.desc = "wall-clock commands",
	VMM_SUBCMDS(wallclock_subcmds),
	.note = "Note:\n"
		"   <month> = Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec\n"
		"   <year>  = 1970 or later\n",
};
