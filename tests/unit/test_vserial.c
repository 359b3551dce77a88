/*
 * Unit tests of virtual serial ports (core/vio/vserial.c), their console
 * decoration and keyboard filter (core/vio/vserial_term.c) and the `vserial`
 * command (commands/cmd_vserial.c), with the console and the sleep of the
 * shell thread faked: console output goes to stdout (captured), keys come
 * from a script.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/console.h>
#include <vmm/vserial.h>
#include "capture.h"
#include "unit.h"

#define RULER40	"----------------------------------------"

/* ---- Fakes of the console and the scheduler ---- */

static const char *keys_script;
static size_t keys_pos, keys_len;
static int sleeps;

void console_write_raw(const char *buf, size_t len)
{
	fwrite(buf, 1, len, stdout);
}

int console_getc(void)
{
	if (keys_pos >= keys_len)
		return -EIO;
	return (unsigned char)keys_script[keys_pos++];
}

/* core/vio/vserial_wait.c needs the scheduler: the same loop, counting waits. */
int vserial_receive_all(struct vserial *vs, const char *buf, size_t len)
{
	while (len) {
		int n = vserial_receive(vs, buf, len);

		if (n < 0)
			return n;
		if (!n)
			sleeps++;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void set_keys(const char *s, size_t len)
{
	keys_script = s;
	keys_pos = 0;
	keys_len = len;
}

/* ---- A receiver and an rx callback that record what they get ---- */

struct rec {
	struct vserial_receiver rcv;
	char buf[4096];
	size_t len;
};

static void rec_out(struct vserial_receiver *r, const char *buf, size_t len)
{
	struct rec *c = container_of(r, struct rec, rcv);

	memcpy(c->buf + c->len, buf, len);
	c->len += len;
	c->buf[c->len] = '\0';
}

static void rec_init(struct rec *c)
{
	memset(c, 0, sizeof(*c));
	c->rcv.out = rec_out;
}

static char rx_buf[256];
static size_t rx_len;
static int rx_full_calls;	/* answer 0 (device full) this many times */

static int rx_record(void *priv, const char *buf, size_t len)
{
	(void)priv;
	if (rx_full_calls > 0) {
		rx_full_calls--;
		return 0;
	}
	len = len > 2 ? 2 : len;	/* a small device FIFO */
	memcpy(rx_buf + rx_len, buf, len);
	rx_len += len;
	return (int)len;
}

static const char *run(const char *line, int *rc)
{
	static char buf[VMM_CMD_LINE_MAX];

	snprintf(buf, sizeof(buf), "%s", line);
	capture_begin();
	*rc = vmm_cmd_exec_line(buf);
	return capture_end();
}

/* ---- Ports and FIFOs ---- */

UNIT_TEST(test_fifo_overwrites_oldest)
{
	struct vserial *vs = vserial_create("g/u", 8, NULL, NULL);
	struct rec r;

	CHECK(vs != NULL);
	vserial_send(vs, "abcdef", 6);
	vserial_send(vs, "ghij", 4);
	rec_init(&r);
	vserial_attach(vs, &r.rcv);
	CHECK_STR(r.buf, "cdefghij");
	vserial_send(vs, "X", 1);	/* live */
	CHECK_STR(r.buf, "cdefghijX");
	vserial_detach(vs, &r.rcv);
	vserial_send(vs, "0123456789ABCDEF", 16);	/* one send larger than the FIFO */
	rec_init(&r);
	vserial_attach(vs, &r.rcv);
	CHECK_STR(r.buf, "89ABCDEF");
	vserial_detach(vs, &r.rcv);
	rec_init(&r);
	vserial_attach(vs, &r.rcv);	/* drained: nothing left */
	CHECK_EQ(r.len, 0);
	vserial_detach(vs, &r.rcv);
	vserial_destroy(vs);
}

UNIT_TEST(test_drain_order_across_wrap_and_chunks)
{
	struct vserial *vs = vserial_create("g/big", 300, NULL, NULL);
	char in[1000], want[301];
	struct rec r;

	for (int i = 0; i < 1000; i++)
		in[i] = (char)('A' + i % 53);
	for (int i = 0; i < 1000; i += 7)
		vserial_send(vs, in + i, i + 7 > 1000 ? (size_t)(1000 - i) : 7);
	memcpy(want, in + 700, 300);
	want[300] = '\0';
	rec_init(&r);
	vserial_attach(vs, &r.rcv);
	CHECK_EQ(r.len, 300);
	CHECK(!memcmp(r.buf, want, 300));
	vserial_detach(vs, &r.rcv);
	vserial_destroy(vs);
}

UNIT_TEST(test_two_receivers_get_live_output)
{
	struct vserial *vs = vserial_create("g/two", 16, NULL, NULL);
	struct rec a, b;

	rec_init(&a);
	rec_init(&b);
	vserial_send(vs, "old", 3);
	vserial_attach(vs, &a.rcv);
	vserial_attach(vs, &b.rcv);
	vserial_send(vs, "new", 3);
	CHECK_STR(a.buf, "oldnew");
	CHECK_STR(b.buf, "new");
	vserial_detach(vs, &a.rcv);
	vserial_send(vs, "!", 1);
	CHECK_STR(a.buf, "oldnew");
	CHECK_STR(b.buf, "new!");
	vserial_detach(vs, &b.rcv);
	vserial_send(vs, "buf", 3);	/* last one gone: buffering again */
	rec_init(&a);
	vserial_attach(vs, &a.rcv);
	CHECK_STR(a.buf, "buf");
	vserial_detach(vs, &a.rcv);
	vserial_destroy(vs);
}

static void collect_name(struct vserial *vs, void *arg)
{
	strcat(arg, vserial_name(vs));
	strcat(arg, ",");
}

UNIT_TEST(test_registry)
{
	struct vserial *a = vserial_create("guest0/uart0", 16, rx_record, NULL);
	struct vserial *b = vserial_create("guest0/virtio-con0", 16, NULL, NULL);
	struct vserial *c = vserial_create("guest01/uart0", 16, NULL, NULL);
	char names[128] = "";

	CHECK(a && b && c);
	CHECK(vserial_create("guest0/uart0", 16, NULL, NULL) == NULL);
	CHECK(vserial_create("", 16, NULL, NULL) == NULL);
	CHECK(vserial_find("guest0/uart0") == a);
	CHECK(vserial_find("guest0/uart") == NULL);
	CHECK(vserial_find_for_guest("guest0") == a);
	CHECK(vserial_find_for_guest("guest01") == c);
	CHECK(vserial_find_for_guest("guest") == NULL);
	vserial_for_each(collect_name, names);
	CHECK_STR(names, "guest0/uart0,guest0/virtio-con0,guest01/uart0,");
	rx_len = 0;
	CHECK_EQ(vserial_receive(a, "xyz", 3), 2);
	CHECK_EQ(vserial_receive(b, "xyz", 3), -ENOSYS);
	vserial_destroy(a);
	CHECK(vserial_find("guest0/uart0") == NULL);
	CHECK(vserial_find_for_guest("guest0") == b);
	vserial_destroy(b);
	vserial_destroy(c);
}

/* ---- Decoration ---- */

static char deco_out[1024];
static size_t deco_len;

static void deco_emit(void *arg, const char *buf, size_t len)
{
	(void)arg;
	memcpy(deco_out + deco_len, buf, len);
	deco_len += len;
	deco_out[deco_len] = '\0';
}

/* Decorate s in one call, and byte by byte: both must give want. */
static void check_deco(const char *name, const char *s, const char *want)
{
	struct vserial_deco d;

	deco_len = 0;
	deco_out[0] = '\0';
	vserial_deco_init(&d, name, deco_emit, NULL);
	vserial_deco_feed(&d, s, strlen(s));
	CHECK_STR(deco_out, want);
	deco_len = 0;
	deco_out[0] = '\0';
	vserial_deco_init(&d, name, deco_emit, NULL);
	for (size_t i = 0; s[i]; i++)
		vserial_deco_feed(&d, s + i, 1);
	CHECK_STR(deco_out, want);
}

UNIT_TEST(test_deco_newlines)
{
	check_deco("g/u", "plain", "plain");
	check_deco("g/u", "a\r\nb\n", "a\r[g/u] \n[g/u] b\n[g/u] ");
	check_deco("guest0/uart0", "\n", "\n[guest0/uart0] ");
}

UNIT_TEST(test_deco_cursor_moves)
{
	check_deco("g/u", "\033[Hx", "\033[H[g/u] x");
	check_deco("g/u", "\033[5;10Hx", "\033[5;0H[g/u] \033[5;16Hx");
	check_deco("g/u", "\033[12;1f", "\033[12;0f[g/u] \033[12;7f");
	check_deco("guest0/uart0", "\033[2;3H", "\033[2;0H[guest0/uart0] \033[2;18H");
}

UNIT_TEST(test_deco_other_sequences_unchanged)
{
	check_deco("g/u", "\033[2J\033[0m\033[?25l\033[1A", "\033[2J\033[0m\033[?25l\033[1A");
	check_deco("g/u", "\033[5H\033[;3H\033[1;2;3H", "\033[5H\033[;3H\033[1;2;3H");
	check_deco("g/u", "\033(B\033\033[H", "\033(B\033\033[H[g/u] ");
	check_deco("g/u", "\033[1\n", "\033[1\n[g/u] ");
}

/* ---- Keyboard filter ---- */

static int feed_keys(const char *name, const char *keys, size_t n, char *out, size_t *outlen)
{
	struct vserial_keys k;
	char buf[VSERIAL_SEQ_MAX + 1];

	vserial_keys_init(&k, name);
	*outlen = 0;
	for (size_t i = 0; i < n; i++) {
		int r = vserial_keys_feed(&k, keys[i], buf);

		if (r < 0)
			return r;
		memcpy(out + *outlen, buf, (size_t)r);
		*outlen += (size_t)r;
	}
	out[*outlen] = '\0';
	return 0;
}

UNIT_TEST(test_keys)
{
	char out[128];
	size_t n;

	CHECK_EQ(feed_keys("g/u", "ls\r", 3, out, &n), 0);
	CHECK_STR(out, "ls\r");
	CHECK_EQ(feed_keys("g/u", "a\033xq", 4, out, &n), -1);
	CHECK_EQ(feed_keys("g/u", "\033xa\033[A\033\033[B", 11, out, &n), 0);
	CHECK_STR(out, "\033xa\033[A\033\033[B");
	/* guest0/uart0: prefix width 15 */
	CHECK_EQ(feed_keys("guest0/uart0", "\033[12;30R", 8, out, &n), 0);
	CHECK_STR(out, "\033[12;15R");
	CHECK_EQ(feed_keys("guest0/uart0", "\033[3;5R", 6, out, &n), 0);
	CHECK_STR(out, "\033[3;0R");
	CHECK_EQ(feed_keys("g/u", "\033[;5R\033[7R", 10, out, &n), 0);
	CHECK_STR(out, "\033[;5R\033[7R");
	CHECK_EQ(feed_keys("g/u", "\033x\033xq", 5, out, &n), -1);
}

/* ---- The command ---- */

UNIT_TEST(test_cmd_list)
{
	struct vserial *a = vserial_create("guest0/uart0", 16, NULL, NULL);
	struct vserial *b = vserial_create("guest0/virtio-con0", 16, NULL, NULL);
	int rc;

	CHECK_STR(run("vserial list", &rc),
		  RULER40 "\n Name                                   \n" RULER40 "\n"
		  " guest0/uart0                           \n"
		  " guest0/virtio-con0                     \n" RULER40 "\n");
	CHECK_EQ(rc, 0);
	run("vserial lst", &rc);
	CHECK_EQ(rc, -EINVAL);
	vserial_destroy(a);
	vserial_destroy(b);
}

UNIT_TEST(test_cmd_dump)
{
	struct vserial *vs = vserial_create("g/u", 64, NULL, NULL);
	int rc;

	vserial_send(vs, "hello\r\nworld", 12);
	CHECK_STR(run("vserial dump g/u", &rc), "[g/u] hello\r[g/u] \n[g/u] world\n");
	CHECK_EQ(rc, 0);
	CHECK_STR(run("vserial dump g/u", &rc), "[g/u] \n");
	vserial_send(vs, "abc\ndef", 7);
	CHECK_STR(run("vserial dump g/u 4", &rc), "[g/u] abc\n[g/u] \n");
	CHECK_STR(run("vserial dump g/u", &rc), "[g/u] \n");	/* the rest was consumed */
	CHECK_STR(run("vserial dump nope", &rc), "Failed to find virtual serial port\n"
		  "Error: command vserial failed (code -2)\n");
	CHECK(rc < 0);
	run("vserial dump g/u x", &rc);
	CHECK_EQ(rc, -EINVAL);
	vserial_destroy(vs);
}

UNIT_TEST(test_cmd_bind)
{
	struct vserial *vs = vserial_create("g/u", 64, rx_record, NULL);
	static const char keys[] = "hello\033[2;20R\033xq";
	int rc;

	vserial_send(vs, "boot\n", 5);
	set_keys(keys, sizeof(keys) - 1);
	rx_len = 0;
	rx_full_calls = 3;
	sleeps = 0;
	CHECK_STR(run("vserial bind g/u", &rc), "[g/u] boot\n[g/u] \n");
	CHECK_EQ(rc, 0);
	CHECK_EQ(rx_len, 12);
	CHECK(!memcmp(rx_buf, "hello\033[2;14R", 12));
	CHECK_EQ(sleeps, 3);
	/* detached: output is buffered again */
	vserial_send(vs, "later", 5);
	CHECK_STR(run("vserial dump g/u", &rc), "[g/u] later\n");
	/* console input failing ends the bind with its error */
	set_keys("", 0);
	run("vserial bind g/u", &rc);
	CHECK_EQ(rc, -EIO);
	CHECK_STR(run("vserial bind none", &rc), "Failed to find virtual serial port\n"
		  "Error: command vserial failed (code -2)\n");
	CHECK(rc < 0);
	vserial_destroy(vs);
}

UNIT_MAIN();
