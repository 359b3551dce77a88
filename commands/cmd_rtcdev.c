/*
 * The `rtcdev` command: list the RTC devices, read and set one (in UTC,
 * e.g. "Fri Nov 27 16:18:20 UTC 2026"), and copy time between an RTC and
 * the wall clock.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/datetime.h>
#include <vmm/rtc.h>

#define NS_PER_SEC	1000000000ULL

static void print_rtc(struct rtc_device *rtc, void *arg)
{
	(void)arg;
	printf("%s: %s\n", rtc->name, rtc->path[0] ? rtc->path : "---");
}

static struct rtc_device *find_rtc(const char *name)
{
	struct rtc_device *rtc = rtc_find(name);

	if (!rtc)
		printf("Error: cannot find rtc %s\n", name);
	return rtc;
}

static int rtcdev_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	rtc_for_each(print_rtc, NULL);
	return 0;
}

static int rtcdev_get_time(int argc, char **argv)
{
	struct rtc_device *rtc = find_rtc(argv[2]);
	char buf[DATETIME_STR_MAX];
	uint64_t ns;
	int rc;

	(void)argc;
	if (!rtc)
		return -ENODEV;
	rc = rtc_get_time(rtc, &ns);

	if (rc) {
		printf("Error: get_time failed for rtc %s\n", rtc->name);
		return rc;
	}
	datetime_format(buf, sizeof(buf), (int64_t)(ns / NS_PER_SEC), 0);
	printf("%s\n", buf);
	return 0;
}

static int rtcdev_set_time(int argc, char **argv)
{
	struct rtc_device *rtc = find_rtc(argv[2]);
	int64_t secs;
	int rc;

	(void)argc;
	if (!rtc)
		return -ENODEV;
	rc = datetime_parse(argv[3], argv[4], argv[5], argv[6], &secs);

	if (rc) {
		printf("Error: invalid date-time\n");
		return rc;
	}
	rc = rtc_set_time(rtc, (uint64_t)secs * NS_PER_SEC);
	if (rc)
		printf("Error: set_time failed for rtc %s\n", rtc->name);
	return rc;
}

static int rtcdev_sync(int argc, char **argv)
{
	struct rtc_device *rtc = find_rtc(argv[2]);
	const char *op = argv[1];
	int rc;

	(void)argc;
	if (!rtc)
		return -ENODEV;
	rc = strcmp(op, "sync_wallclock") ? rtc_sync_device(rtc) : rtc_sync_wallclock(rtc);

	if (rc)
		printf("Error: %s failed for rtc %s\n", op, rtc->name);
	return rc;
}

static const struct vmm_subcmd rtcdev_subcmds[] = {
	{ "list", 0, 0, rtcdev_list, NULL },
	{ "sync_wallclock", 1, 1, rtcdev_sync, "<rtc_name>" },
	{ "sync_device", 1, 1, rtcdev_sync, "<rtc_name>" },
	{ "get_time", 1, 1, rtcdev_get_time, "<rtc_name>" },
	{ "set_time", 4, 4, rtcdev_set_time, "<rtc_name> <hour>:<min>:<sec> <day> <month> <year>" },
};

VMM_CMD(rtcdev_cmd) = {
	.name = "rtcdev",
	.desc = "rtc device commands",
	VMM_SUBCMDS(rtcdev_subcmds),
	.note = "Note:\n"
		"   RTC devices keep UTC time.\n"
		"   <month> = Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec\n",
};
