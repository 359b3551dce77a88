/*
 * Calendar arithmetic (see vmm/datetime.h): days since the epoch to and
 * from year/month/day with the 400-year-cycle method (the Gregorian
 * calendar repeats every 146097 days; counting years from March puts the
 * leap day last), plus the strict parsers and printers the wallclock and
 * rtcdev commands use.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/datetime.h>

#define SECS_PER_DAY		86400
#define DAYS_PER_ERA		146097
#define EPOCH_FROM_0000_03_01	719468	/* days from 0000-03-01 to 1970-01-01 */

static const char *const month_names[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static const char *const day_names[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int datetime_month_days(int year, int mon)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return days[mon] + (mon == 1 && is_leap(year));
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days since 1970-01-01 of year/mon (1..12)/mday. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * DAYS_PER_ERA + doe - EPOCH_FROM_0000_03_01;
}

static void civil_from_days(int64_t z, struct datetime *dt)
{
	int64_t era, doe, yoe, doy, mp;

	z += EPOCH_FROM_0000_03_01;
	era = floor_div(z, DAYS_PER_ERA);
	doe = z - era * DAYS_PER_ERA;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / (DAYS_PER_ERA - 1)) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dt->mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt->mon = (int)(mp < 10 ? mp + 2 : mp - 10);
	dt->year = (int)(yoe + era * 400 + (dt->mon <= 1));
}

void datetime_from_epoch(int64_t secs, struct datetime *dt)
{
	int64_t days = floor_div(secs, SECS_PER_DAY);
	int64_t rem = secs - days * SECS_PER_DAY;

	civil_from_days(days, dt);
	dt->hour = (int)(rem / 3600);
	dt->min = (int)(rem / 60 % 60);
	dt->sec = (int)(rem % 60);
	dt->wday = (int)(days + 4 - floor_div(days + 4, 7) * 7);	/* 1970-01-01: Thu */
}

int datetime_to_epoch(const struct datetime *dt, int64_t *secs)
{
	if (dt->year < 1970 || dt->year > 999999 || dt->mon < 0 || dt->mon > 11 ||
	    dt->mday < 1 || dt->mday > datetime_month_days(dt->year, dt->mon) ||
	    dt->hour < 0 || dt->hour > 23 || dt->min < 0 || dt->min > 59 ||
	    dt->sec < 0 || dt->sec > 59)
		return -EINVAL;
	*secs = days_from_civil(dt->year, dt->mon + 1, dt->mday) * SECS_PER_DAY +
		dt->hour * 3600 + dt->min * 60 + dt->sec;
	return 0;
}

int datetime_parse_month(const char *name)
{
	for (int m = 0; m < 12; m++) {
		const char *a = name, *b = month_names[m];

		while (*a && *b && (*a | 0x20) == (*b | 0x20))
			a++, b++;
		if (!*a && !*b)
			return m;
	}
	return -EINVAL;
}

/* A run of 1..7 decimal digits at *p; advances *p past it. */
static int parse_digits(const char **p, int *val)
{
	const char *s = *p;
	int v = 0, n = 0;

	while (*s >= '0' && *s <= '9' && n < 7) {
		v = v * 10 + (*s++ - '0');
		n++;
	}
	if (!n || (*s >= '0' && *s <= '9'))
		return -EINVAL;
	*p = s;
	*val = v;
	return 0;
}

static int parse_number(const char *s, int *val)
{
	return parse_digits(&s, val) || *s ? -EINVAL : 0;
}

int datetime_parse(const char *hms, const char *day, const char *mon, const char *year,
		   int64_t *secs)
{
	struct datetime dt;
	const char *p = hms;

	if (parse_digits(&p, &dt.hour) || *p++ != ':' || parse_digits(&p, &dt.min) ||
	    *p++ != ':' || parse_digits(&p, &dt.sec) || *p)
		return -EINVAL;
	if (parse_number(day, &dt.mday) || parse_number(year, &dt.year))
		return -EINVAL;
	dt.mon = datetime_parse_month(mon);
	if (dt.mon < 0)
		return -EINVAL;
	return datetime_to_epoch(&dt, secs);
}

int datetime_parse_tz(const char *s, int *minutes)
{
	int sign = 1, h, m = 0;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if (parse_digits(&s, &h))
		return -EINVAL;
	if (*s == ':') {
		s++;
		if (parse_digits(&s, &m) || m > 59)
			return -EINVAL;
	}
	if (*s || h * 60 + m > DATETIME_TZ_MAX_MIN)
		return -EINVAL;
	*minutes = sign * (h * 60 + m);
	return 0;
}

void datetime_format_tz(char *buf, size_t len, int minutes)
{
	int a = minutes < 0 ? -minutes : minutes;

	if (!minutes)
		snprintf(buf, len, "UTC");
	else
		snprintf(buf, len, "UTC%c%d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
}

void datetime_format(char *buf, size_t len, int64_t secs, int tz_minutes)
{
	struct datetime dt;
	char tz[16];

	datetime_from_epoch(secs + (int64_t)tz_minutes * 60, &dt);
	datetime_format_tz(tz, sizeof(tz), tz_minutes);
	snprintf(buf, len, "%s %s %2d %02d:%02d:%02d %s %d", day_names[dt.wday],
		 month_names[dt.mon], dt.mday, dt.hour, dt.min, dt.sec, tz, dt.year);
}
