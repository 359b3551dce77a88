/*
 * Unit tests of vserial daemons: the chardev transport moves a port's
 * output to the device and the device's input into the port (in order,
 * also when the port's device takes one byte at a time), mterm shows the
 * output decorated on the console, bad requests are refused with nothing
 * left behind, and a daemon survives its port being destroyed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/chardev.h>
#include <vmm/console.h>
#include <vmm/vsdaemon.h>
#include <vmm/vserial.h>
#include "../../core/vio/vsdaemon_priv.h"
#include "capture.h"
#include "unit.h"

/* ---- Fake character devices, console and scheduler ---- */

struct fake_dev {
	struct chardev cd;
	char out[256];
	size_t out_len;
	const char *in;
	size_t in_pos;
};

static int fake_write(struct chardev *cd, const char *buf, size_t len)
{
	struct fake_dev *f = container_of(cd, struct fake_dev, cd);

	memcpy(f->out + f->out_len, buf, len);
	f->out_len += len;
	return (int)len;
}

static int fake_read(struct chardev *cd, char *buf, size_t len)
{
	struct fake_dev *f = container_of(cd, struct fake_dev, cd);
	size_t n = f->in ? strlen(f->in + f->in_pos) : 0;

	n = n < len ? n : len;
	memcpy(buf, f->in + f->in_pos, n);
	f->in_pos += n;
	return (int)n;
}

static struct fake_dev console_dev = { .cd = { "serial0", fake_write, fake_read } };
static struct fake_dev uart1 = { .cd = { "uart1", fake_write, fake_read } };
static struct fake_dev uart2 = { .cd = { "uart2", fake_write, fake_read } };

struct chardev *chardev_find(const char *name)
{
	struct fake_dev *all[] = { &console_dev, &uart1, &uart2 };

	for (unsigned int i = 0; i < 3; i++)
		if (!strcmp(all[i]->cd.name, name))
			return &all[i]->cd;
	return NULL;
}

struct chardev *console_get_device(void)
{
	return &console_dev.cd;
}

void console_write_raw(const char *buf, size_t len)
{
	fwrite(buf, 1, len, stdout);
}

/* The worker thread: the test runs its pump by hand. */
struct vsdaemon_worker {
	bool (*pump)(void *arg);
	void *arg;
};

static struct vsdaemon_worker *worker;
static int workers_live;

struct vsdaemon_worker *vsdaemon_worker_start(const char *name, bool (*pump)(void *arg),
					      void *arg)
{
	static struct vsdaemon_worker w;

	(void)name;
	CHECK(!worker);
	w.pump = pump;
	w.arg = arg;
	worker = &w;
	workers_live++;
	return worker;
}

void vsdaemon_worker_stop(struct vsdaemon_worker *w)
{
	CHECK(w == worker);
	worker = NULL;
	workers_live--;
}

static bool pump(void)
{
	return worker && worker->pump(worker->arg);
}

/* ---- A guest serial device that takes at most `take` bytes per call ---- */

static char rx_buf[256];
static size_t rx_len, take = 64;

static int rx(void *priv, const char *buf, size_t len)
{
	(void)priv;
	len = len < take ? len : take;
	memcpy(rx_buf + rx_len, buf, len);
	rx_len += len;
	return (int)len;
}

static void reset_devs(void)
{
	uart1.out_len = uart2.out_len = 0;
	uart1.in = uart2.in = NULL;
	uart1.in_pos = uart2.in_pos = 0;
	rx_len = 0;
	take = 64;
}

UNIT_TEST(chardev_both_ways)
{
	struct vserial *vs = vserial_create("g/uart0", 64, rx, NULL);

	reset_devs();
	vserial_send(vs, "early", 5);
	CHECK_EQ(vsdaemon_create("chardev", "g/uart0", "d", "uart1"), 0);
	CHECK_EQ(workers_live, 1);
	/* the FIFO is drained into the device at once, then output is live */
	vserial_send(vs, " late", 5);
	CHECK_EQ(uart1.out_len, 10);
	CHECK(!memcmp(uart1.out, "early late", 10));
	uart1.in = "typed";
	take = 2;
	while (pump())
		;
	CHECK_EQ(rx_len, 5);
	CHECK(!memcmp(rx_buf, "typed", 5));
	CHECK(!pump());
	CHECK_EQ(vsdaemon_destroy("d"), 0);
	CHECK_EQ(workers_live, 0);
	/* detached: output goes to the FIFO again */
	vserial_send(vs, "x", 1);
	CHECK_EQ(uart1.out_len, 10);
	vserial_destroy(vs);
}

UNIT_TEST(mterm_decorates_on_the_console)
{
	struct vserial *vs = vserial_create("g/uart0", 64, rx, NULL);
	struct vsdaemon_info in;
	const char *out;

	capture_begin();
	CHECK_EQ(vsdaemon_create("mterm", "g/uart0", "m", NULL), 0);
	vserial_send(vs, "hi\n", 3);
	out = capture_end();
	CHECK_STR(out, "hi\n[g/uart0] ");
	CHECK_EQ(workers_live, 0);
	CHECK_EQ(vsdaemon_get(0, &in), 0);
	CHECK_STR(in.name, "m");
	CHECK_STR(in.transport, "mterm");
	CHECK_STR(in.vserial, "g/uart0");
	CHECK_STR(in.chardev, "");
	CHECK_EQ(vsdaemon_get(1, &in), -ENOENT);
	CHECK_EQ(vsdaemon_destroy("m"), 0);
	vserial_destroy(vs);
}

UNIT_TEST(refusals_leave_nothing)
{
	struct vserial *vs = vserial_create("g/uart0", 64, rx, NULL);
	struct vsdaemon_info in;
	const char *out;

	reset_devs();
	capture_begin();
	CHECK_EQ(vsdaemon_create("chardev", "g/uart0", "a", "uart1"), 0);
	CHECK_EQ(vsdaemon_create("chardev", "g/uart0", "a", "uart2"), -EEXIST);
	CHECK_EQ(vsdaemon_create("chardev", "g/uart0", "b", "uart1"), -EBUSY);
	CHECK_EQ(vsdaemon_create("chardev", "g/uart0", "b", "serial0"), -EBUSY);
	CHECK_EQ(vsdaemon_create("chardev", "g/uart0", "b", "nodev"), -ENOENT);
	CHECK_EQ(vsdaemon_create("chardev", "g/nope", "b", "uart2"), -ENOENT);
	CHECK_EQ(vsdaemon_create("telnet", "g/uart0", "b", NULL), -ENOENT);
	CHECK_EQ(vsdaemon_destroy("b"), -ENOENT);
	out = capture_end();
	CHECK_STR(out, "Error: vsdaemon name a is taken\n"
		       "Error: character device uart1 is used by another vsdaemon\n"
		       "Error: character device serial0 is the console\n"
		       "Error: no character device named nodev\n"
		       "Error: no virtual serial port named g/nope\n"
		       "Error: no vsdaemon transport named telnet\n"
		       "Error: no vsdaemon named b\n");
	CHECK_EQ(workers_live, 1);
	CHECK_EQ(vsdaemon_get(1, &in), -ENOENT);
	CHECK_EQ(vsdaemon_destroy("a"), 0);
	CHECK_EQ(workers_live, 0);
	vserial_destroy(vs);
}

UNIT_TEST(port_gone_under_the_daemon)
{
	struct vserial *vs = vserial_create("g/uart0", 64, rx, NULL);
	struct vsdaemon_info in;

	reset_devs();
	CHECK_EQ(vsdaemon_create("chardev", "g/uart0", "d", "uart1"), 0);
	vserial_destroy(vs);
	CHECK_EQ(vsdaemon_get(0, &in), 0);
	CHECK_STR(in.vserial, "");
	CHECK_STR(in.chardev, "uart1");
	/* input after the port went is dropped, never given to a freed port */
	uart1.in = "lost";
	while (pump())
		;
	CHECK_EQ(rx_len, 0);
	CHECK_EQ(uart1.in_pos, 4);
	CHECK_EQ(vsdaemon_destroy("d"), 0);
	CHECK_EQ(workers_live, 0);
}

UNIT_MAIN();
