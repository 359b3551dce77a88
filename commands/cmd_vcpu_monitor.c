/*
 * `vcpu monitor [<chardev>]`: every second, a table of every vCPU with
 * its state, hart and exit counters (cumulative) and the share of the last
 * interval it spent in the guest, written to the console or to the named
 * character device, until a key is pressed on the console.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <vmm/chardev.h>
#include <vmm/cmd.h>
#include <vmm/console.h>
#include <vmm/thread.h>
#include <vmm/timer.h>
#include <vmm/vcpu.h>
#include "cmd_threads_table.h"

#define INTERVAL_MS	1000
#define POLL_MS		50
#define MAX_ROWS	64

struct sample {
	unsigned int id;
	uint64_t guest_ticks;
};

struct monitor {
	struct chardev *out;
	struct sample prev[MAX_ROWS], next[MAX_ROWS];
	unsigned int nprev, nnext;
	uint64_t interval;		/* ticks since the previous table */
};

static void emit(struct monitor *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void emit(struct monitor *m, const char *fmt, ...)
{
	char line[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	if (!m->out) {
		printf("%s", line);
		return;
	}
	/* a raw device: end lines with CR LF */
	m->out->write(m->out, line, n && line[n - 1] == '\n' ? n - 1 : n);
	m->out->write(m->out, "\r\n", 2);
}

static uint64_t prev_guest_ticks(struct monitor *m, unsigned int id, uint64_t now)
{
	for (unsigned int i = 0; i < m->nprev; i++)
		if (m->prev[i].id == id)
			return m->prev[i].guest_ticks;
	return now;
}

static void row(struct thread *t, void *arg)
{
	struct monitor *m = arg;
	struct vcpu *v = t->priv;
	const struct vcpu_stats *s;
	uint64_t g, pct;

	if (!t->is_vcpu || m->nnext == MAX_ROWS)
		return;
	s = &v->stats;
	g = s->guest_ticks;
	pct = m->interval ? (g - prev_guest_ticks(m, t->id, g)) * 100 / m->interval : 0;
	m->next[m->nnext++] = (struct sample){ t->id, g };
	emit(m, " %-5u %-17s %-8s %-4u %-10llu %-9llu %-9llu %-9llu %llu\n", t->id, v->name,
	     vcpu_state_name(v), t->cpu ? t->cpu->id : 0, (unsigned long long)s->exits,
	     (unsigned long long)s->sbi_calls,
	     (unsigned long long)(s->mmio_reads + s->mmio_writes), (unsigned long long)s->wfi,
	     (unsigned long long)(pct > 100 ? 100 : pct));
}

/* Sleep up to ms, polling the console; true if a key was pressed. */
static bool key_within(unsigned int ms)
{
	struct chardev *cd = console_get_device();
	char c;

	for (unsigned int t = 0; t < ms; t += POLL_MS) {
		if (cd && cd->read && cd->read(cd, &c, 1) > 0)
			return true;
		thread_sleep_ns(POLL_MS * 1000000ULL);
	}
	return false;
}

int cmd_vcpu_monitor(int argc, char **argv)
{
	static struct monitor m;
	uint64_t last = timer_ticks(), now;

	memset(&m, 0, sizeof(m));
	if (argc > 2) {
		m.out = chardev_find(argv[2]);
		if (!m.out) {
			printf("Error: no character device named %s\n", argv[2]);
			return -ENODEV;
		}
	}
	printf("vCPU monitor: a table every %u ms, any key stops\n", INTERVAL_MS);
	do {
		now = timer_ticks();
		m.interval = now - last;
		last = now;
		m.nnext = 0;
		emit(&m, " %-5s %-17s %-8s %-4s %-10s %-9s %-9s %-9s %s\n", "ID", "Name", "State",
		     "Hart", "Exits", "SBI", "MMIO", "WFI", "Guest%");
		thread_for_each(row, &m);
		emit(&m, "\n");
		memcpy(m.prev, m.next, sizeof(m.prev));
		m.nprev = m.nnext;
	} while (!key_within(INTERVAL_MS));
	return 0;
}
