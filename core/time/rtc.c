/*
 * The RTC device registry (vmm/rtc.h) and the choice of the RTC that sets
 * the wall clock at boot: the device named by rtc_wallclock_choice() as
 * soon as it registers, else the first RTC to register.  The list follows
 * the registry rule of vmm/registry.h.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <vmm/datetime.h>
#include <vmm/registry.h>
#include <vmm/rtc.h>
#include <vmm/wallclock.h>

#define NS_PER_SEC	1000000000ULL

static REGISTRY(rtcs);
static struct rtc_device *wallclock_source;
static bool wallclock_source_chosen;

static bool rtc_matches(const struct rtc_device *rtc, const char *name)
{
	return !strcmp(rtc->name, name) || (rtc->path[0] && !strcmp(rtc->path, name));
}

static bool node_matches(const struct list_head *node, const void *name)
{
	return rtc_matches(list_entry(node, struct rtc_device, node), name);
}

struct rtc_device *rtc_find(const char *name)
{
	struct list_head *node = registry_find(&rtcs, node_matches, name);

	return node ? list_entry(node, struct rtc_device, node) : NULL;
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

	if (!rtc->get_time)
		return -EINVAL;
	if (registry_add(&rtcs, &rtc->node, node_matches, rtc->name))
		return -EEXIST;
	boot_sync(rtc, !rtc_wallclock_choice(choice, sizeof(choice)) && rtc_matches(rtc, choice));
	return 0;
}

void rtc_unregister(struct rtc_device *rtc)
{
	registry_del(&rtcs, &rtc->node);
	if (wallclock_source == rtc)
		wallclock_source = NULL;
}

REGISTRY_DEFINE_FOR_EACH(rtc_for_each, rtcs, struct rtc_device, node)

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
