/*
 * Real-time clock devices (`rtcdev` command).  A host driver fills in a
 * struct rtc_device named after its host DT node (e.g. rtc@101000), with
 * its DT path, and get_time()/set_time() in nanoseconds since the Unix
 * epoch (UTC), and registers it.  Registration also picks the device that
 * sets the wall clock (vmm/wallclock.h): the one named by vmm.rtcdev in
 * the bootargs or /chosen/rtcdev (node name or DT path), else the first
 * RTC; the wall clock is synced from it as soon as it registers.
 */
#ifndef VMM_RTC_H
#define VMM_RTC_H

#include <stddef.h>
#include <stdint.h>
#include <vmm/list.h>

struct rtc_device {
	char name[48];
	char path[128];		/* host DT path, "" if none */
	int (*get_time)(struct rtc_device *rtc, uint64_t *ns);
	int (*set_time)(struct rtc_device *rtc, uint64_t ns);
	void *priv;
	struct list_head node;
};

/* Add to the registry (-EEXIST for a taken name) and, if it is the
 * wall-clock RTC, sync the wall clock from it. */
int rtc_register(struct rtc_device *rtc);
void rtc_unregister(struct rtc_device *rtc);
/* By name or DT path, or NULL. */
struct rtc_device *rtc_find(const char *name);
/* Walks under the registry lock: fn must not block (vmm/registry.h). */
void rtc_for_each(void (*fn)(struct rtc_device *rtc, void *arg), void *arg);

int rtc_get_time(struct rtc_device *rtc, uint64_t *ns);
int rtc_set_time(struct rtc_device *rtc, uint64_t ns);
/* Wall clock <- RTC, and RTC <- wall clock. */
int rtc_sync_wallclock(struct rtc_device *rtc);
int rtc_sync_device(struct rtc_device *rtc);

/* The wall-clock RTC named in vmm.rtcdev or /chosen/rtcdev, copied into
 * buf; -ENOENT when neither names one (core/time/rtc_choice.c). */
int rtc_wallclock_choice(char *buf, size_t len);

#endif
