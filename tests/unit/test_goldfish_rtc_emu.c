/*
 * Unit tests of the google,goldfish-rtc emulator, found through the
 * emulator table and driven through its read/write hooks over a fake wall
 * clock, fake timer events (fired by the test) and a fake guest interrupt
 * line: time reads and the TIME_HIGH latch, per-guest time offsets,
 * alarms (future, past, cleared), the interrupt enable/clear protocol
 * that Linux's rtc-goldfish uses, reset and remove.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/timer.h>
#include <vmm/wallclock.h>
#include "unit.h"

#define TIME_LOW	0x00
#define TIME_HIGH	0x04
#define ALARM_LOW	0x08
#define ALARM_HIGH	0x0c
#define IRQ_ENABLED	0x10
#define CLEAR_ALARM	0x14
#define ALARM_STATUS	0x18
#define CLEAR_INTERRUPT	0x1c

static uint64_t wall_ns;
static bool has_irq_prop = true;
static unsigned int irq_line = 99, irq_calls;
static bool irq_level;
static struct timer_event *armed_ev;
static uint64_t armed_ns;
static struct timer_event *stopped_ev;

int wallclock_get_ns(uint64_t *ns)
{
	*ns = wall_ns;
	return 0;
}

int devtree_path_offset(const char *path)
{
	(void)path;
	return 1;
}

int devtree_read_u32_array(int node, const char *name, uint32_t *out, int max)
{
	(void)node;
	if (!has_irq_prop || strcmp(name, "interrupts") || max < 1)
		return -ENOENT;
	out[0] = 11;
	return 1;
}

void guest_irq_set(struct guest *g, unsigned int irq, bool level)
{
	(void)g;
	irq_line = irq;
	irq_level = level;
	irq_calls++;
}

void timer_event_init(struct timer_event *ev, void (*fn)(struct timer_event *), void *priv)
{
	ev->fn = fn;
	ev->priv = priv;
	ev->armed = false;
}

void timer_event_start(struct timer_event *ev, uint64_t ns)
{
	ev->armed = true;
	armed_ev = ev;
	armed_ns = ns;
}

void timer_event_stop(struct timer_event *ev)
{
	ev->armed = false;
	stopped_ev = ev;
}

void timer_event_stop_sync(struct timer_event *ev)
{
	timer_event_stop(ev);
}

VMM_TABLE_DECLARE(const struct emulator, vmm_emulators);

static const struct emulator *emu(void)
{
	vmm_table_foreach(const struct emulator, vmm_emulators, e)
		for (const char *const *c = e->compatible; *c; c++)
			if (!strcmp(*c, "google,goldfish-rtc"))
				return e;
	return NULL;
}

static struct guest guest;
static struct guest_region region = { .name = "rtc", .node_path = "/guests/g/aspace/rtc" };

static void *probe(void)
{
	void *priv = NULL;

	CHECK(emu() != NULL);
	CHECK_EQ(emu()->probe(&guest, &region, &priv), 0);
	emu()->reset(priv);
	return priv;
}

static uint32_t rd(void *priv, uint64_t off)
{
	uint64_t v = 0xdead;

	CHECK_EQ(emu()->read(priv, off, 4, &v), 0);
	return (uint32_t)v;
}

static void wr(void *priv, uint64_t off, uint32_t v)
{
	CHECK_EQ(emu()->write(priv, off, 4, v), 0);
}

/* The guest time as Linux reads it: TIME_LOW, then TIME_HIGH. */
static uint64_t guest_time(void *priv)
{
	uint32_t lo = rd(priv, TIME_LOW);

	return ((uint64_t)rd(priv, TIME_HIGH) << 32) | lo;
}

static void set_alarm(void *priv, uint64_t ns)
{
	wr(priv, ALARM_HIGH, (uint32_t)(ns >> 32));
	wr(priv, ALARM_LOW, (uint32_t)ns);
}

UNIT_TEST(probe_needs_interrupts)
{
	void *priv = NULL;

	has_irq_prop = false;
	CHECK_EQ(emu()->probe(&guest, &region, &priv), -EINVAL);
	has_irq_prop = true;
}

UNIT_TEST(time_follows_wallclock_with_latch)
{
	void *p = probe();
	uint64_t v = 0;

	wall_ns = 0x123456789abcULL;
	CHECK_EQ(rd(p, TIME_LOW), 0x56789abc);
	wall_ns = 0x999900000000ULL;
	CHECK_EQ(rd(p, TIME_HIGH), 0x1234);	/* latched by the TIME_LOW read */
	CHECK_EQ(emu()->read(p, TIME_LOW, 8, &v), 0);
	CHECK_EQ(v, 0x999900000000ULL);
	CHECK_EQ(rd(p, 0x800), 0);
	emu()->remove(p);
}

UNIT_TEST(guest_set_time_is_per_guest)
{
	void *a = probe(), *b = probe();
	uint64_t t = 1795796300ULL * 1000000000ULL;

	wall_ns = 1000;
	wr(a, TIME_HIGH, (uint32_t)(t >> 32));
	wr(a, TIME_LOW, (uint32_t)t);
	CHECK_EQ(guest_time(a), t);
	wall_ns += 5000;
	CHECK_EQ(guest_time(a), t + 5000);
	CHECK_EQ(guest_time(b), 6000);	/* the other guest still sees the host clock */
	emu()->remove(a);
	emu()->remove(b);
}

UNIT_TEST(alarm_fires_and_interrupt_clears)
{
	void *p = probe();

	wall_ns = 1000000;
	irq_calls = 0;
	wr(p, IRQ_ENABLED, 1);
	set_alarm(p, 3000000);
	CHECK_EQ(rd(p, ALARM_STATUS), 1);
	CHECK_EQ(rd(p, ALARM_LOW), 3000000);
	CHECK_EQ(rd(p, ALARM_HIGH), 0);
	CHECK_EQ(rd(p, IRQ_ENABLED), 1);
	CHECK(armed_ev && armed_ev->armed);
	CHECK_EQ(armed_ns, 2000000);
	CHECK_EQ(irq_calls, 0);

	/* A timer that fires early (the wall clock moved) re-arms. */
	wall_ns = 2500000;
	armed_ev->armed = false;
	armed_ev->fn(armed_ev);
	CHECK(armed_ev->armed);
	CHECK_EQ(armed_ns, 500000);
	CHECK_EQ(irq_calls, 0);

	wall_ns = 3000000;
	armed_ev->armed = false;
	armed_ev->fn(armed_ev);
	CHECK_EQ(irq_line, 11);
	CHECK(irq_level);
	CHECK_EQ(rd(p, ALARM_STATUS), 0);
	wr(p, CLEAR_INTERRUPT, 1);
	CHECK(!irq_level);
	emu()->remove(p);
}

UNIT_TEST(past_alarm_and_enable_order)
{
	void *p = probe();

	wall_ns = 5000;
	set_alarm(p, 4000);	/* already due: pending at once */
	CHECK_EQ(rd(p, ALARM_STATUS), 0);
	CHECK(!irq_level);	/* interrupt disabled */
	wr(p, IRQ_ENABLED, 1);
	CHECK(irq_level);
	wr(p, IRQ_ENABLED, 0);
	CHECK(!irq_level);
	wr(p, CLEAR_INTERRUPT, 1);
	wr(p, IRQ_ENABLED, 1);
	CHECK(!irq_level);
	emu()->remove(p);
}

UNIT_TEST(clear_alarm_and_reset)
{
	void *p = probe();

	wall_ns = 0;
	wr(p, IRQ_ENABLED, 1);
	set_alarm(p, 1000);
	CHECK(armed_ev->armed);
	wr(p, CLEAR_ALARM, 1);
	CHECK(!armed_ev->armed);
	CHECK_EQ(rd(p, ALARM_STATUS), 0);

	set_alarm(p, 0);	/* fires: line high */
	CHECK(irq_level);
	set_alarm(p, 2000);
	emu()->reset(p);
	CHECK(!irq_level);
	CHECK(!armed_ev->armed);
	CHECK_EQ(rd(p, IRQ_ENABLED), 0);
	CHECK_EQ(rd(p, ALARM_STATUS), 0);

	set_alarm(p, 9000);
	CHECK(armed_ev->armed);
	stopped_ev = NULL;
	emu()->remove(p);
	CHECK(stopped_ev == armed_ev);	/* stopped before the state is freed */
}

UNIT_TEST(access_widths)
{
	void *p = probe();
	uint64_t v;

	CHECK_EQ(emu()->write(p, IRQ_ENABLED, 2, 1), -EINVAL);
	CHECK_EQ(emu()->write(p, IRQ_ENABLED + 2, 4, 1), -EINVAL);
	CHECK_EQ(emu()->read(p, TIME_LOW + 1, 4, &v), -EINVAL);
	wall_ns = 0;
	CHECK_EQ(emu()->write(p, ALARM_LOW, 8, 0x500000000ULL | 7), 0);	/* low then high */
	CHECK_EQ(rd(p, ALARM_HIGH), 5);
	CHECK_EQ(rd(p, ALARM_LOW), 7);
	emu()->remove(p);
}

UNIT_MAIN();
