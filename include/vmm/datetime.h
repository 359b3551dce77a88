/*
 * Calendar arithmetic for the wall clock and RTC commands: seconds since
 * the Unix epoch (UTC, proleptic Gregorian calendar, no leap seconds) to
 * and from broken-down time, parsing of the shell's
 * "<hh>:<mm>:<ss> <day> <Mon> <year>" and "+/-<h>:<m>" arguments, and the
 * printed form "Fri Nov 27 16:18:20 UTC+5:30 2026".  Pure functions with
 * no state, usable from any context and in host unit tests.
 */
#ifndef VMM_DATETIME_H
#define VMM_DATETIME_H

#include <stddef.h>
#include <stdint.h>

#define DATETIME_TZ_MAX_MIN	(24 * 60 - 1)	/* |timezone offset| limit */
#define DATETIME_STR_MAX	48		/* room for datetime_format() */

struct datetime {
	int year;	/* e.g. 2026 */
	int mon;	/* 0..11 */
	int mday;	/* 1..31 */
	int hour;	/* 0..23 */
	int min;	/* 0..59 */
	int sec;	/* 0..59 */
	int wday;	/* 0 = Sunday; output only */
};

/* Days in month mon (0..11) of year. */
int datetime_month_days(int year, int mon);

/* Broken-down UTC time of secs (may be negative: before 1970). */
void datetime_from_epoch(int64_t secs, struct datetime *dt);

/* Seconds since the epoch of dt (wday ignored); -EINVAL if a field is out
 * of range (year before 1970 included). */
int datetime_to_epoch(const struct datetime *dt, int64_t *secs);

/* Month number (0..11) of a three-letter English name, any case; -EINVAL. */
int datetime_parse_month(const char *name);

/*
 * Parse "<hh>:<mm>:<ss>", "<day>", "<Mon>", "<year>" (decimal) into
 * seconds since the epoch; -EINVAL for malformed or out-of-range input.
 */
int datetime_parse(const char *hms, const char *day, const char *mon, const char *year,
		   int64_t *secs);

/* Parse "+h:m" / "-h:m" (sign optional, minutes optional) into minutes
 * east of UTC; -EINVAL if malformed or beyond DATETIME_TZ_MAX_MIN. */
int datetime_parse_tz(const char *s, int *minutes);

/* "UTC" for 0, else "UTC+5:30" / "UTC-8:00". */
void datetime_format_tz(char *buf, size_t len, int minutes);

/*
 * The local time of UTC secs in timezone tz_minutes, as
 * "Fri Nov 27 16:18:20 UTC 2026" (day of month space-padded to 2).
 */
void datetime_format(char *buf, size_t len, int64_t secs, int tz_minutes);

#endif
