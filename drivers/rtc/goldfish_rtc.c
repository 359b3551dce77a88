/*
 * Host driver of the goldfish RTC (`google,goldfish-rtc`; QEMU virt has
 * one at 0x101000): a 64-bit nanosecond count since the Unix epoch.
 * Reading TIME_LOW latches the upper half, which TIME_HIGH then returns;
 * setting writes TIME_HIGH, then TIME_LOW.  Registers an RTC named after
 * the DT node, which may become the wall-clock source (vmm/rtc.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <libfdt.h>
#include <vmm/driver.h>
#include <vmm/rtc.h>
#include <vmm/spinlock.h>

#define GF_TIME_LOW	0x00
#define GF_TIME_HIGH	0x04

struct goldfish_rtc {
	struct rtc_device rtc;
	volatile uint32_t *base;
	spinlock_t lock;	/* the TIME_LOW/TIME_HIGH pair is not atomic */
};

static int gf_get_time(struct rtc_device *rtc, uint64_t *ns)
{
	struct goldfish_rtc *gf = rtc->priv;
	unsigned long flags;
	uint32_t lo, hi;

	spin_lock_irqsave(&gf->lock, flags);
	lo = gf->base[GF_TIME_LOW / 4];
	hi = gf->base[GF_TIME_HIGH / 4];
	spin_unlock_irqrestore(&gf->lock, flags);
	*ns = ((uint64_t)hi << 32) | lo;
	return 0;
}

static int gf_set_time(struct rtc_device *rtc, uint64_t ns)
{
	struct goldfish_rtc *gf = rtc->priv;
	unsigned long flags;

	spin_lock_irqsave(&gf->lock, flags);
	gf->base[GF_TIME_HIGH / 4] = (uint32_t)(ns >> 32);
	gf->base[GF_TIME_LOW / 4] = (uint32_t)ns;
	spin_unlock_irqrestore(&gf->lock, flags);
	return 0;
}

static int goldfish_rtc_probe(const void *fdt, int node)
{
	struct goldfish_rtc *gf;
	uint64_t base;
	int rc;

	if (fdt_node_reg(fdt, node, 0, &base, NULL))
		return -EINVAL;
	gf = calloc(1, sizeof(*gf));
	if (!gf)
		return -ENOMEM;
	gf->base = (volatile uint32_t *)base;
	spin_lock_init(&gf->lock);
	snprintf(gf->rtc.name, sizeof(gf->rtc.name), "%s", fdt_get_name(fdt, node, NULL));
	if (fdt_get_path(fdt, node, gf->rtc.path, sizeof(gf->rtc.path)))
		gf->rtc.path[0] = '\0';
	gf->rtc.get_time = gf_get_time;
	gf->rtc.set_time = gf_set_time;
	gf->rtc.priv = gf;
	rc = rtc_register(&gf->rtc);
	if (rc)
		free(gf);
	return rc;
}

static const char *const goldfish_rtc_compat[] = { "google,goldfish-rtc", NULL };
VMM_DRIVER(goldfish_rtc_driver) = {
	.name = "goldfish-rtc",
	.compatible = goldfish_rtc_compat,
	.stage = DRIVER_STAGE_DEVICE,
	.probe = goldfish_rtc_probe,
};
