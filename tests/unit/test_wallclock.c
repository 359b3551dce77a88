/*
 * Unit tests of core/time/datetime.c (epoch <-> calendar checked against the
 * host C library over many instants, parsing and printing), of the wall
 * clock over a fake timer_ns(), and of the RTC registry's choice of the
 * wall-clock source over fake RTC devices and a fake vmm.rtcdev choice.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <vmm/datetime.h>
#include <vmm/rtc.h>
#include <vmm/timer.h>
#include <vmm/wallclock.h>
#include "unit.h"

#define NS	1000000000ULL

static uint64_t fake_now_ns;
static const char *fake_choice;

uint64_t timer_ns(void)
{
	return fake_now_ns;
}

int rtc_wallclock_choice(char *buf, size_t len)
{
	if (!fake_choice)
		return -ENOENT;
	snprintf(buf, len, "%s", fake_choice);
	return 0;
}

static void check_instant(int64_t secs)
{
	time_t t = (time_t)secs;
	struct datetime dt;
	struct tm tm;
	int64_t back = -1;

	gmtime_r(&t, &tm);
	datetime_from_epoch(secs, &dt);
	CHECK_EQ(dt.year, tm.tm_year + 1900);
	CHECK_EQ(dt.mon, tm.tm_mon);
	CHECK_EQ(dt.mday, tm.tm_mday);
	CHECK_EQ(dt.hour, tm.tm_hour);
	CHECK_EQ(dt.min, tm.tm_min);
	CHECK_EQ(dt.sec, tm.tm_sec);
	CHECK_EQ(dt.wday, tm.tm_wday);
	if (secs >= 0) {
		CHECK_EQ(datetime_to_epoch(&dt, &back), 0);
		CHECK_EQ(back, secs);
	}
}

UNIT_TEST(epoch_matches_libc)
{
	static const int64_t fixed[] = {
		0, -1, 86399, 86400, 951782400 /* 2000-02-29 */, 4107542399 /* 2100-02-28 */,
		4107542400, 2147483647, 2147483648, 253402300799 /* 9999-12-31 */, -86401,
		-2208988800 /* 1900-01-01 */,
	};

	for (unsigned int i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		check_instant(fixed[i]);
	for (int64_t s = -5000000000LL; s < 20000000000LL; s += 7777777 + s % 13)
		check_instant(s);
}

UNIT_TEST(to_epoch_rejects_bad_fields)
{
	struct datetime dt = { .year = 2023, .mon = 1, .mday = 29 };
	int64_t s;

	CHECK_EQ(datetime_to_epoch(&dt, &s), -EINVAL);	/* 2023 is not leap */
	dt.year = 2024;
	CHECK_EQ(datetime_to_epoch(&dt, &s), 0);
	dt.year = 1969;
	CHECK_EQ(datetime_to_epoch(&dt, &s), -EINVAL);
	dt = (struct datetime){ .year = 2024, .mon = 12, .mday = 1 };
	CHECK_EQ(datetime_to_epoch(&dt, &s), -EINVAL);
	dt = (struct datetime){ .year = 2024, .mon = 0, .mday = 1, .hour = 24 };
	CHECK_EQ(datetime_to_epoch(&dt, &s), -EINVAL);
	CHECK_EQ(datetime_month_days(1900, 1), 28);
	CHECK_EQ(datetime_month_days(2000, 1), 29);
}

UNIT_TEST(parse_date_time)
{
	int64_t s = 0;

	CHECK_EQ(datetime_parse("16:18:20", "27", "Nov", "2026", &s), 0);
	CHECK_EQ(s, 1795796300);
	CHECK_EQ(datetime_parse("0:0:0", "1", "jan", "1970", &s), 0);
	CHECK_EQ(s, 0);
	CHECK_EQ(datetime_parse("23:59:59", "31", "DEC", "1999", &s), 0);
	CHECK_EQ(s, 946684799);
	CHECK_EQ(datetime_parse("24:00:00", "1", "Jan", "2000", &s), -EINVAL);
	CHECK_EQ(datetime_parse("10:00", "1", "Jan", "2000", &s), -EINVAL);
	CHECK_EQ(datetime_parse("10:00:00:00", "1", "Jan", "2000", &s), -EINVAL);
	CHECK_EQ(datetime_parse("10:0x:00", "1", "Jan", "2000", &s), -EINVAL);
	CHECK_EQ(datetime_parse("10:00:00", "0", "Jan", "2000", &s), -EINVAL);
	CHECK_EQ(datetime_parse("10:00:00", "31", "Apr", "2000", &s), -EINVAL);
	CHECK_EQ(datetime_parse("10:00:00", "1", "Janu", "2000", &s), -EINVAL);
	CHECK_EQ(datetime_parse("10:00:00", "1", "Jan", "20x0", &s), -EINVAL);
	CHECK_EQ(datetime_parse("10:00:00", "1", "Jan", "", &s), -EINVAL);
	CHECK_EQ(datetime_parse_month("sep"), 8);
	CHECK_EQ(datetime_parse_month("Se"), -EINVAL);
}

UNIT_TEST(parse_timezone)
{
	int tz = 1;

	CHECK_EQ(datetime_parse_tz("+05:30", &tz), 0);
	CHECK_EQ(tz, 330);
	CHECK_EQ(datetime_parse_tz("-8:00", &tz), 0);
	CHECK_EQ(tz, -480);
	CHECK_EQ(datetime_parse_tz("3", &tz), 0);
	CHECK_EQ(tz, 180);
	CHECK_EQ(datetime_parse_tz("+0:00", &tz), 0);
	CHECK_EQ(tz, 0);
	CHECK_EQ(datetime_parse_tz("+5:60", &tz), -EINVAL);
	CHECK_EQ(datetime_parse_tz("+24:00", &tz), -EINVAL);
	CHECK_EQ(datetime_parse_tz("+5:", &tz), -EINVAL);
	CHECK_EQ(datetime_parse_tz("+", &tz), -EINVAL);
	CHECK_EQ(datetime_parse_tz("5:30x", &tz), -EINVAL);
}

UNIT_TEST(format)
{
	char buf[DATETIME_STR_MAX];

	datetime_format(buf, sizeof(buf), 1795796300, 0);
	CHECK_STR(buf, "Fri Nov 27 16:18:20 UTC 2026");
	datetime_format(buf, sizeof(buf), 1795796300, 330);
	CHECK_STR(buf, "Fri Nov 27 21:48:20 UTC+5:30 2026");
	datetime_format(buf, sizeof(buf), 0, -60);
	CHECK_STR(buf, "Wed Dec 31 23:00:00 UTC-1:00 1969");
	datetime_format(buf, sizeof(buf), 1893718923, 0);
	CHECK_STR(buf, "Fri Jan  4 01:02:03 UTC 2030");
	datetime_format_tz(buf, sizeof(buf), -570);
	CHECK_STR(buf, "UTC-9:30");
}

UNIT_TEST(wallclock_follows_timer)
{
	uint64_t ns;
	int tz;

	fake_now_ns = 5 * NS;
	CHECK_EQ(wallclock_set_ns(1000 * NS), 0);
	fake_now_ns = 7 * NS;
	wallclock_get_ns(&ns);
	CHECK_EQ(ns, 1002 * NS);
	CHECK_EQ(wallclock_set_timezone(-330), 0);
	wallclock_get_timezone(&tz);
	CHECK_EQ(tz, -330);
	CHECK_EQ(wallclock_set_timezone(24 * 60), -EINVAL);
	wallclock_get_timezone(&tz);
	CHECK_EQ(tz, -330);
	wallclock_set_timezone(0);
}

struct fake_rtc {
	struct rtc_device rtc;
	uint64_t ns;
	int sets;
};

static int fake_get(struct rtc_device *rtc, uint64_t *ns)
{
	*ns = ((struct fake_rtc *)rtc->priv)->ns;
	return 0;
}

static int fake_set(struct rtc_device *rtc, uint64_t ns)
{
	struct fake_rtc *f = rtc->priv;

	f->ns = ns;
	f->sets++;
	return 0;
}

static void fake_init(struct fake_rtc *f, const char *name, const char *path, uint64_t secs)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->rtc.name, sizeof(f->rtc.name), "%s", name);
	snprintf(f->rtc.path, sizeof(f->rtc.path), "%s", path);
	f->rtc.get_time = fake_get;
	f->rtc.set_time = fake_set;
	f->rtc.priv = f;
	f->ns = secs * NS;
}

static uint64_t wall_secs(void)
{
	uint64_t ns;

	wallclock_get_ns(&ns);
	return ns / NS;
}

static void count_rtc(struct rtc_device *rtc, void *arg)
{
	(void)rtc;
	(*(int *)arg)++;
}

UNIT_TEST(registry_and_wallclock_source)
{
	static struct fake_rtc a, b, c, d, dup;
	int n = 0;

	fake_now_ns = 0;
	fake_choice = NULL;
	fake_init(&a, "rtc@a", "/soc/rtc@a", 1000);
	fake_init(&b, "rtc@b", "/soc/rtc@b", 2000);
	CHECK_EQ(rtc_register(&a.rtc), 0);
	CHECK_EQ(wall_secs(), 1000);	/* the first RTC sets the wall clock */
	CHECK_EQ(rtc_register(&b.rtc), 0);
	CHECK_EQ(wall_secs(), 1000);

	/* A chosen RTC registering later takes over; others then do not. */
	fake_choice = "/soc/rtc@c";
	fake_init(&c, "rtc@c", "/soc/rtc@c", 3000);
	fake_init(&d, "rtc@d", "/soc/rtc@d", 4000);
	CHECK_EQ(rtc_register(&c.rtc), 0);
	CHECK_EQ(wall_secs(), 3000);
	fake_choice = "rtc@d";
	CHECK_EQ(rtc_register(&d.rtc), 0);
	CHECK_EQ(wall_secs(), 3000);

	fake_init(&dup, "rtc@a", "", 0);
	CHECK_EQ(rtc_register(&dup.rtc), -EEXIST);
	CHECK(rtc_find("rtc@b") == &b.rtc);
	CHECK(rtc_find("/soc/rtc@b") == &b.rtc);
	CHECK(rtc_find("rtc@x") == NULL);
	rtc_for_each(count_rtc, &n);
	CHECK_EQ(n, 4);

	CHECK_EQ(rtc_sync_wallclock(&b.rtc), 0);
	CHECK_EQ(wall_secs(), 2000);
	fake_now_ns = 10 * NS;
	CHECK_EQ(rtc_sync_device(&d.rtc), 0);
	CHECK_EQ(d.ns, 2010 * NS);
	CHECK_EQ(d.sets, 1);

	rtc_unregister(&b.rtc);
	CHECK(rtc_find("rtc@b") == NULL);
	fake_choice = NULL;
}

UNIT_MAIN();
