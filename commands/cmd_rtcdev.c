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

static void rtcdev_usage(void)
{
	printf("Usage:\n");
	printf("   rtcdev help\n");
	printf("   rtcdev list\n");
	printf("   rtcdev sync_wallclock <rtc_name>\n");
	printf("   rtcdev sync_device <rtc_name>\n");
	printf("   rtcdev get_time <rtc_name>\n");
	printf("   rtcdev set_time <rtc_name> <hour>:<min>:<sec> <day> <month> <year>\n");
	printf("Note:\n");
	printf("   RTC devices keep UTC time.\n");
	printf("   <month> = Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec\n");
}

static void print_rtc(struct rtc_device *rtc, void *arg)
{
	(void)arg;
	printf("%s: %s\n", rtc->name, rtc->path[0] ? rtc->path : "---");
}

static int rtcdev_get_time(struct rtc_device *rtc)
{
	char buf[DATETIME_STR_MAX];
	uint64_t ns;
	int rc = rtc_get_time(rtc, &ns);

	if (rc) {
		printf("Error: get_time failed for rtc %s\n", rtc->name);
		return rc;
	}
	datetime_format(buf, sizeof(buf), (int64_t)(ns / NS_PER_SEC), 0);
	printf("%s\n", buf);
	return 0;
}

static int rtcdev_set_time(struct rtc_device *rtc, char **argv)
{
	int64_t secs;
	int rc = datetime_parse(argv[0], argv[1], argv[2], argv[3], &secs);

	if (rc) {
		printf("Error: invalid date-time\n");
		return rc;
	}
	rc = rtc_set_time(rtc, (uint64_t)secs * NS_PER_SEC);
	if (rc)
		printf("Error: set_time failed for rtc %s\n", rtc->name);
	return rc;
}

static int rtcdev_sync(struct rtc_device *rtc, const char *op)
{
	int rc = strcmp(op, "sync_wallclock") ? rtc_sync_device(rtc) : rtc_sync_wallclock(rtc);

	if (rc)
		printf("Error: %s failed for rtc %s\n", op, rtc->name);
	return rc;
}

static int rtcdev_exec(int argc, char **argv)
{
	struct rtc_device *rtc;

	if (argc == 2 && !strcmp(argv[1], "help")) {
		rtcdev_usage();
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "list")) {
		rtc_for_each(print_rtc, NULL);
		return 0;
	}
	if (!((argc == 3 && (!strcmp(argv[1], "get_time") || !strcmp(argv[1], "sync_wallclock") ||
			     !strcmp(argv[1], "sync_device"))) ||
	      (argc == 7 && !strcmp(argv[1], "set_time")))) {
		rtcdev_usage();
		return -EINVAL;
	}
	rtc = rtc_find(argv[2]);
	if (!rtc) {
		printf("Error: cannot find rtc %s\n", argv[2]);
		return -ENODEV;
	}
	if (!strcmp(argv[1], "get_time"))
		return rtcdev_get_time(rtc);
	if (!strcmp(argv[1], "set_time"))
		return rtcdev_set_time(rtc, argv + 3);
	return rtcdev_sync(rtc, argv[1]);
}

VMM_CMD(rtcdev_cmd) = {
	.name = "rtcdev",
	.desc = "rtc device commands",
	.usage = rtcdev_usage,
	.exec = rtcdev_exec,
};
