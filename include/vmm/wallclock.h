/*
 * The hypervisor's wall clock: UTC time in nanoseconds since the Unix
 * epoch, kept as an offset from the monotonic timer_ns(), plus a timezone
 * (minutes east of UTC) that only changes how the time is shown.  It reads
 * 1970 plus the uptime until an RTC sets it (vmm/rtc.h) or the `wallclock
 * set_time` command does.  Safe from any hart and from interrupt context.
 */
#ifndef VMM_WALLCLOCK_H
#define VMM_WALLCLOCK_H

#include <stdint.h>

int wallclock_get_ns(uint64_t *ns);
int wallclock_set_ns(uint64_t ns);
/* Minutes east of UTC; set: -EINVAL beyond DATETIME_TZ_MAX_MIN. */
int wallclock_get_timezone(int *minutes);
int wallclock_set_timezone(int minutes);

#endif
