/*
 * The RTC device registry (vmm/rtc.h) and the choice of the RTC that sets
 * the wall clock at boot: the device named by rtc_wallclock_choice() as
 * soon as it registers, else the first RTC to register.  Devices register
 * during boot and are not expected to go away, so rtc_for_each() walks the
 * list without holding the lock across the callbacks.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <vmm/datetime.h>
#include <vmm/rtc.h>
#include <vmm/spinlock.h>
#include <vmm/wallclock.h>

#define NS_PER_SEC	1000000000ULL

static LIST_HEAD(rtcs);
static spinlock_t rtcs_lock = SPINLOCK_INIT;
static struct rtc_device *wallclock_source;
static bool wallclock_source_chosen;

static bool rtc_matches(const struct rtc_device *rtc, const char *name)
{
	return !strcmp(rtc->name, name) || (rtc->path[0] && !strcmp(rtc->path, name));
}

struct rtc_device *rtc_find(const char *name)
{
	struct rtc_device *rtc, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&rtcs_lock, flags);
	list_for_each_entry(rtc, &rtcs, node)
		if (rtc_matches(rtc, name)) {
			found = rtc;
			break;
		}
	spin_unlock_irqrestore(&rtcs_lock, flags);
	return found;
}

static void boot_sync(struct rtc_device *rtc, bool chosen)
{
	char when[DATETIME_STR_MAX];
	uint64_t ns;
	int rc;

	if (wallclock_source && (wallclock_source_chosen || !chosen))
		return;
	rc = rtc_sync_wallclock(rtc);
	if (rc) {
		printf("INIT: wallclock: cannot read %s (error %d)\n", rtc->name, rc);
		return;
	}
	wallclock_source = rtc;
	wallclock_source_chosen = chosen;
	wallclock_get_ns(&ns);
	datetime_format(when, sizeof(when), (int64_t)(ns / NS_PER_SEC), 0);
	printf("INIT: wallclock: %s (from %s)\n", when, rtc->name);
}

int rtc_register(struct rtc_device *rtc)
{
	char choice[128];
	unsigned long flags;

	if (!rtc->get_time)
		return -EINVAL;
	if (rtc_find(rtc->name))
		return -EEXIST;
	spin_lock_irqsave(&rtcs_lock, flags);
	list_add_tail(&rtc->node, &rtcs);
	spin_unlock_irqrestore(&rtcs_lock, flags);
	boot_sync(rtc, !rtc_wallclock_choice(choice, sizeof(choice)) && rtc_matches(rtc, choice));
	return 0;
}

void rtc_unregister(struct rtc_device *rtc)
{
	unsigned long flags;

	spin_lock_irqsave(&rtcs_lock, flags);
	list_del_init(&rtc->node);
	if (wallclock_source == rtc)
		wallclock_source = NULL;
	spin_unlock_irqrestore(&rtcs_lock, flags);
}

void rtc_for_each(void (*fn)(struct rtc_device *rtc, void *arg), void *arg)
{
	struct rtc_device *rtc;

	list_for_each_entry(rtc, &rtcs, node)
		fn(rtc, arg);
}

int rtc_get_time(struct rtc_device *rtc, uint64_t *ns)
{
	return rtc->get_time(rtc, ns);
}

int rtc_set_time(struct rtc_device *rtc, uint64_t ns)
{
	return rtc->set_time ? rtc->set_time(rtc, ns) : -ENOSYS;
}

int rtc_sync_wallclock(struct rtc_device *rtc)
{
	uint64_t ns;
	int rc = rtc_get_time(rtc, &ns);

	return rc ? rc : wallclock_set_ns(ns);
}

int rtc_sync_device(struct rtc_device *rtc)
{
	uint64_t ns;
	int rc = wallclock_get_ns(&ns);

	return rc ? rc : rtc_set_time(rtc, ns);
}
