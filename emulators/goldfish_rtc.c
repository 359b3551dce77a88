/*
 * The `google,goldfish-rtc` emulator (guest `rtc` regions), with the
 * standard goldfish register layout of 32-bit registers: TIME_LOW (0x00;
 * reading it latches the upper half for TIME_HIGH, 0x04), ALARM_LOW (0x08;
 * writing it arms the alarm) and ALARM_HIGH (0x0c), IRQ_ENABLED (0x10),
 * CLEAR_ALARM (0x14), ALARM_STATUS (0x18) and CLEAR_INTERRUPT (0x1c).
 * Guest time is the host wall clock plus a per-guest offset that guest
 * writes to TIME_LOW/TIME_HIGH change (each half replaces that half of the
 * current time).  A pending alarm is a host timer event; when it expires
 * the alarm interrupt becomes pending, and the region's `interrupts` line
 * is high while an interrupt is pending and enabled, until CLEAR_INTERRUPT.
 * One spinlock per device serialises vCPUs and the timer callback.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/spinlock.h>
#include <vmm/timer.h>
#include <vmm/wallclock.h>

#include "regs32.h"

#define GF_TIME_LOW		0x00
#define GF_TIME_HIGH		0x04
#define GF_ALARM_LOW		0x08
#define GF_ALARM_HIGH		0x0c
#define GF_IRQ_ENABLED		0x10
#define GF_CLEAR_ALARM		0x14
#define GF_ALARM_STATUS		0x18
#define GF_CLEAR_INTERRUPT	0x1c
#define LOW_MASK		0xffffffffULL

struct gf_rtc {
	spinlock_t lock;
	struct guest *guest;
	unsigned int irq;
	uint64_t offset_ns;	/* guest time - wall clock (mod 2^64) */
	uint32_t time_high;	/* latched by a TIME_LOW read */
	uint64_t alarm_ns;
	bool alarm_running;
	bool irq_enabled;
	bool irq_pending;
	bool level;		/* the line as last driven */
	struct timer_event alarm;
};

static uint64_t guest_now(struct gf_rtc *r)
{
	uint64_t ns;

	wallclock_get_ns(&ns);
	return ns + r->offset_ns;
}

static void update_irq(struct gf_rtc *r)
{
	bool level = r->irq_pending && r->irq_enabled;

	if (level != r->level) {
		r->level = level;
		guest_irq_set(r->guest, r->irq, level);
	}
}

/* Fire now if the alarm time has passed, else (re)arm the host timer. */
static void check_alarm(struct gf_rtc *r)
{
	uint64_t now = guest_now(r);

	if (!r->alarm_running)
		return;
	if (r->alarm_ns <= now) {
		timer_event_stop(&r->alarm);
		r->alarm_running = false;
		r->irq_pending = true;
		update_irq(r);
	} else {
		timer_event_start(&r->alarm, r->alarm_ns - now);
	}
}

static void alarm_expired(struct timer_event *ev)
{
	struct gf_rtc *r = ev->priv;

	spin_lock(&r->lock);
	check_alarm(r);
	spin_unlock(&r->lock);
}

static void set_time_half(struct gf_rtc *r, uint32_t val, bool high)
{
	uint64_t now = guest_now(r);
	uint64_t want = high ? ((uint64_t)val << 32) | (now & LOW_MASK)
			     : (now & ~LOW_MASK) | val;

	r->offset_ns += want - now;
	check_alarm(r);
}

static int gf_word(void *priv, uint64_t offset, uint32_t *word)
{
	struct gf_rtc *r = priv;
	uint64_t now;

	switch (offset) {
	case GF_TIME_LOW:
		now = guest_now(r);
		r->time_high = (uint32_t)(now >> 32);
		*word = (uint32_t)now;
		break;
	case GF_TIME_HIGH:
		*word = r->time_high;
		break;
	case GF_ALARM_LOW:
		*word = (uint32_t)r->alarm_ns;
		break;
	case GF_ALARM_HIGH:
		*word = (uint32_t)(r->alarm_ns >> 32);
		break;
	case GF_IRQ_ENABLED:
		*word = r->irq_enabled;
		break;
	case GF_ALARM_STATUS:
		*word = r->alarm_running;
		break;
	default:
		*word = 0;
		break;
	}
	return 0;
}

static void gf_write_word(struct gf_rtc *r, uint64_t offset, uint32_t val)
{
	switch (offset) {
	case GF_TIME_LOW:
	case GF_TIME_HIGH:
		set_time_half(r, val, offset == GF_TIME_HIGH);
		break;
	case GF_ALARM_LOW:
		r->alarm_ns = (r->alarm_ns & ~LOW_MASK) | val;
		r->alarm_running = true;
		check_alarm(r);
		break;
	case GF_ALARM_HIGH:
		r->alarm_ns = ((uint64_t)val << 32) | (r->alarm_ns & LOW_MASK);
		break;
	case GF_IRQ_ENABLED:
		r->irq_enabled = val & 1;
		update_irq(r);
		break;
	case GF_CLEAR_ALARM:
		timer_event_stop(&r->alarm);
		r->alarm_running = false;
		break;
	case GF_CLEAR_INTERRUPT:
		r->irq_pending = false;
		update_irq(r);
		break;
	default:
		break;
	}
}

static int gf_read(void *priv, uint64_t offset, unsigned int width, uint64_t *val)
{
	struct gf_rtc *r = priv;
	unsigned long flags;
	int rc;

	spin_lock_irqsave(&r->lock, flags);
	rc = regs32_read(r, gf_word, offset, width, val);
	spin_unlock_irqrestore(&r->lock, flags);
	return rc;
}

/* 32-bit registers: a 64-bit write is two, the lower offset first. */
static int gf_write(void *priv, uint64_t offset, unsigned int width, uint64_t val)
{
	struct gf_rtc *r = priv;
	unsigned long flags;

	if ((width != 4 && width != 8) || (offset & (width - 1)))
		return -EINVAL;
	spin_lock_irqsave(&r->lock, flags);
	gf_write_word(r, offset, (uint32_t)val);
	if (width == 8)
		gf_write_word(r, offset + 4, (uint32_t)(val >> 32));
	spin_unlock_irqrestore(&r->lock, flags);
	return 0;
}

static void gf_reset(void *priv)
{
	struct gf_rtc *r = priv;
	unsigned long flags;

	spin_lock_irqsave(&r->lock, flags);
	timer_event_stop(&r->alarm);
	r->alarm_running = false;
	r->alarm_ns = 0;
	r->irq_enabled = false;
	r->irq_pending = false;
	r->time_high = 0;
	r->level = true;	/* force the line low */
	update_irq(r);
	spin_unlock_irqrestore(&r->lock, flags);
}

static int gf_probe(struct guest *g, struct guest_region *reg, void **priv)
{
	int node = devtree_path_offset(reg->node_path);
	struct gf_rtc *r;
	uint32_t irq;

	if (node < 0 || devtree_read_u32_array(node, "interrupts", &irq, 1) < 1) {
		printf("%s: missing interrupts\n", reg->node_path);
		return -EINVAL;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	spin_lock_init(&r->lock);
	r->guest = g;
	r->irq = irq;
	timer_event_init(&r->alarm, alarm_expired, r);
	*priv = r;
	return 0;
}

static void gf_remove(void *priv)
{
	struct gf_rtc *r = priv;

	timer_event_stop_sync(&r->alarm);
	free(r);
}

static const char *const gf_compat[] = { "google,goldfish-rtc", NULL };

VMM_EMULATOR(goldfish_rtc_emu) = {
	.name = "goldfish-rtc",
	.compatible = gf_compat,
	.probe = gf_probe,
	.read = gf_read,
	.write = gf_write,
	.reset = gf_reset,
	.remove = gf_remove,
};
