/*
 * Unit tests of the ns16550a emulator: the 16550A register model
 * (emulators/uart8250_model.c) driven directly, and the emulator glue
 * (emulators/uart8250.c) found through the emulator table and run with a
 * fake device tree, a fake guest_irq_set() and fake vserial ports.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/vserial.h>
#include "../../emulators/uart8250_model.h"
#include "unit.h"

/* ---- Model callbacks ---- */

static char tx_buf[256];
static size_t tx_len;
static int irq_level = -1;	/* last level reported, -1: none yet */
static int irq_changes;

static void fake_tx(void *arg, char c)
{
	(void)arg;
	tx_buf[tx_len++] = c;
}

static void fake_irq(void *arg, bool level)
{
	(void)arg;
	irq_level = level;
	irq_changes++;
}

static void model_fresh(struct uart_model *u)
{
	tx_len = 0;
	irq_level = -1;
	irq_changes = 0;
	uart_model_init(u, fake_tx, fake_irq, NULL);
	uart_model_reset(u);
}

UNIT_TEST(test_power_on_values)
{
	struct uart_model u;

	model_fresh(&u);
	CHECK_EQ(irq_changes, 0);	/* starts low, nothing to report */
	CHECK_EQ(uart_model_read(&u, UART_IER_DLM), 0);
	CHECK_EQ(uart_model_read(&u, UART_IIR_FCR), 0x01);
	CHECK_EQ(uart_model_read(&u, UART_LCR), 0);
	CHECK_EQ(uart_model_read(&u, UART_MCR), 0);
	CHECK_EQ(uart_model_read(&u, UART_LSR), 0x60);
	CHECK_EQ(uart_model_read(&u, UART_MSR), 0xb0);
	CHECK_EQ(uart_model_read(&u, UART_RBR_THR_DLL), 0);
}

UNIT_TEST(test_polled_tx_rx)
{
	struct uart_model u;

	model_fresh(&u);
	uart_model_write(&u, UART_IER_DLM, 0);
	uart_model_write(&u, UART_IIR_FCR, 0x07);
	uart_model_write(&u, UART_LCR, 0x03);
	uart_model_write(&u, UART_RBR_THR_DLL, 'h');
	uart_model_write(&u, UART_RBR_THR_DLL, 'i');
	CHECK_EQ(tx_len, 2);
	CHECK(!memcmp(tx_buf, "hi", 2));
	CHECK_EQ(uart_model_read(&u, UART_LSR), 0x60);
	CHECK_EQ(uart_model_rx(&u, "ab", 2), 2);
	CHECK_EQ(uart_model_read(&u, UART_LSR), 0x61);
	CHECK_EQ(uart_model_read(&u, UART_RBR_THR_DLL), 'a');
	CHECK_EQ(uart_model_read(&u, UART_RBR_THR_DLL), 'b');
	CHECK_EQ(uart_model_read(&u, UART_LSR), 0x60);
	CHECK_EQ(irq_changes, 0);	/* IER 0: never raised */
	CHECK_EQ(uart_model_read(&u, UART_IIR_FCR), 0xc1);
}

UNIT_TEST(test_divisor_latch_and_scratch)
{
	struct uart_model u;

	model_fresh(&u);
	uart_model_write(&u, UART_LCR, 0x83);
	uart_model_write(&u, UART_RBR_THR_DLL, 0x0c);
	uart_model_write(&u, UART_IER_DLM, 0x01);
	CHECK_EQ(tx_len, 0);
	CHECK_EQ(uart_model_read(&u, UART_RBR_THR_DLL), 0x0c);
	CHECK_EQ(uart_model_read(&u, UART_IER_DLM), 0x01);
	uart_model_write(&u, UART_LCR, 0x03);
	CHECK_EQ(uart_model_read(&u, UART_IER_DLM), 0);	/* IER untouched */
	uart_model_write(&u, UART_SCR, 0x5a);
	CHECK_EQ(uart_model_read(&u, UART_SCR), 0x5a);
	uart_model_write(&u, UART_LSR, 0);	/* read-only */
	CHECK_EQ(uart_model_read(&u, UART_LSR), 0x60);
}

UNIT_TEST(test_fifo_limits)
{
	struct uart_model u;
	char in[100];

	model_fresh(&u);
	for (int i = 0; i < 100; i++)
		in[i] = (char)i;
	CHECK_EQ(uart_model_rx(&u, in, 100), 1);	/* FIFOs off: one byte */
	CHECK_EQ(uart_model_rx(&u, in, 100), 0);
	uart_model_write(&u, UART_IIR_FCR, 0x01);	/* enabling clears */
	CHECK_EQ(uart_model_read(&u, UART_LSR) & UART_LSR_DR, 0);
	CHECK_EQ(uart_model_rx(&u, in, 100), 64);
	CHECK_EQ(uart_model_rx(&u, in, 100), 0);
	CHECK_EQ(uart_model_read(&u, UART_RBR_THR_DLL), 0);
	CHECK_EQ(uart_model_rx(&u, in + 64, 36), 1);
	for (int i = 1; i < 64; i++)
		CHECK_EQ(uart_model_read(&u, UART_RBR_THR_DLL), i);
	CHECK_EQ(uart_model_read(&u, UART_RBR_THR_DLL), 64);
	CHECK_EQ(uart_model_read(&u, UART_LSR) & UART_LSR_DR, 0);
	CHECK_EQ(uart_model_rx(&u, in, 5), 5);
	uart_model_write(&u, UART_IIR_FCR, 0x03);	/* clear RX */
	CHECK_EQ(uart_model_read(&u, UART_LSR) & UART_LSR_DR, 0);
}

UNIT_TEST(test_thre_interrupt)
{
	struct uart_model u;

	model_fresh(&u);
	uart_model_write(&u, UART_IIR_FCR, 0x01);
	uart_model_write(&u, UART_IER_DLM, UART_IER_THRI);
	CHECK_EQ(irq_level, 1);
	CHECK_EQ(uart_model_read(&u, UART_IIR_FCR), 0xc2);
	CHECK_EQ(irq_level, 0);	/* reading IIR cleared THRE */
	CHECK_EQ(uart_model_read(&u, UART_IIR_FCR), 0xc1);
	uart_model_write(&u, UART_RBR_THR_DLL, 'x');	/* THR empties again */
	CHECK_EQ(irq_level, 1);
	uart_model_write(&u, UART_IER_DLM, 0);
	CHECK_EQ(irq_level, 0);
	uart_model_write(&u, UART_IER_DLM, UART_IER_THRI);	/* re-armed */
	CHECK_EQ(irq_level, 1);
	CHECK_EQ(irq_changes, 5);
}

UNIT_TEST(test_iir_priorities)
{
	struct uart_model u;

	model_fresh(&u);
	uart_model_write(&u, UART_IIR_FCR, 0x01);
	uart_model_write(&u, UART_IER_DLM, UART_IER_RDI | UART_IER_THRI);
	CHECK_EQ(uart_model_rx(&u, "k", 1), 1);
	CHECK_EQ(uart_model_read(&u, UART_IIR_FCR), 0xc4);	/* RX data first */
	CHECK_EQ(uart_model_read(&u, UART_IIR_FCR), 0xc4);	/* does not clear it */
	CHECK_EQ(irq_level, 1);
	CHECK_EQ(uart_model_read(&u, UART_RBR_THR_DLL), 'k');
	CHECK_EQ(uart_model_read(&u, UART_IIR_FCR), 0xc2);	/* then THRE */
	CHECK_EQ(irq_level, 0);
	CHECK_EQ(uart_model_rx(&u, "z", 1), 1);
	CHECK_EQ(irq_level, 1);
	CHECK_EQ(uart_model_read(&u, UART_RBR_THR_DLL), 'z');
	CHECK_EQ(irq_level, 0);
}

UNIT_TEST(test_loopback)
{
	struct uart_model u;

	model_fresh(&u);
	uart_model_write(&u, UART_IIR_FCR, 0x01);
	uart_model_write(&u, UART_MCR, UART_MCR_LOOP | 0x0a);	/* OUT2, RTS */
	CHECK_EQ(uart_model_read(&u, UART_MSR) & 0xf0, 0x90);	/* DCD, CTS */
	uart_model_write(&u, UART_RBR_THR_DLL, 'L');
	CHECK_EQ(tx_len, 0);
	CHECK_EQ(uart_model_read(&u, UART_RBR_THR_DLL), 'L');
	for (int i = 0; i < 65; i++)
		uart_model_write(&u, UART_RBR_THR_DLL, 'x');
	CHECK_EQ(uart_model_read(&u, UART_LSR), 0x63);	/* DR, OE */
	CHECK_EQ(uart_model_read(&u, UART_LSR), 0x61);	/* OE cleared by reading */
}

UNIT_TEST(test_reset_lowers_irq)
{
	struct uart_model u;

	model_fresh(&u);
	uart_model_write(&u, UART_IER_DLM, UART_IER_RDI);
	uart_model_rx(&u, "a", 1);
	CHECK_EQ(irq_level, 1);
	uart_model_reset(&u);
	CHECK_EQ(irq_level, 0);
	CHECK_EQ(uart_model_read(&u, UART_LSR), 0x60);
	CHECK_EQ(uart_model_read(&u, UART_IER_DLM), 0);
}

/* ---- Fakes for the emulator glue ---- */

static uint32_t fake_irq_cell = 10, fake_reg_shift, fake_io_width = 1;
static bool have_irq = true, have_shift, have_width;
static unsigned int g_irq = ~0U;
static int g_level = -1, g_calls;

int devtree_path_offset(const char *path)
{
	return strcmp(path, "/guests/guest0/aspace/uart0") ? -ENOENT : 8;
}

int devtree_read_u32_array(int node, const char *name, uint32_t *out, int max)
{
	if (node != 8 || strcmp(name, "interrupts") || !have_irq)
		return -ENOENT;
	if (max > 0)
		*out = fake_irq_cell;
	return 1;
}

int devtree_path_read_u32(const char *path, const char *name, uint32_t *out)
{
	if (devtree_path_offset(path) < 0)
		return -ENOENT;
	if (!strcmp(name, "reg_shift") && have_shift) {
		*out = fake_reg_shift;
		return 0;
	}
	if (!strcmp(name, "reg_io_width") && have_width) {
		*out = fake_io_width;
		return 0;
	}
	return -ENOENT;
}

void guest_irq_set(struct guest *g, unsigned int irq, bool level)
{
	(void)g;
	g_irq = irq;
	g_level = level;
	g_calls++;
}

struct vserial {
	char name[VSERIAL_NAME_MAX];
	int (*rx)(void *priv, const char *buf, size_t len);
	void *priv;
	char out[64];
	size_t out_len;
};

static struct vserial *last_vs;
static int vs_destroyed;

struct vserial *vserial_create(const char *name, size_t fifo_size,
			       int (*rx)(void *priv, const char *buf, size_t len), void *priv)
{
	struct vserial *vs = calloc(1, sizeof(*vs));

	CHECK_EQ(fifo_size, 2048);
	snprintf(vs->name, sizeof(vs->name), "%s", name);
	vs->rx = rx;
	vs->priv = priv;
	last_vs = vs;
	return vs;
}

void vserial_destroy(struct vserial *vs)
{
	vs_destroyed++;
	free(vs);
}

void vserial_send(struct vserial *vs, const char *buf, size_t len)
{
	memcpy(vs->out + vs->out_len, buf, len);
	vs->out_len += len;
}

VMM_TABLE_DECLARE(const struct emulator, vmm_emulators);

static const struct emulator *find_emu(const char *compat)
{
	vmm_table_foreach(const struct emulator, vmm_emulators, e)
		for (const char *const *c = e->compatible; *c; c++)
			if (!strcmp(*c, compat))
				return e;
	return NULL;
}

static struct guest test_guest = { .name = "guest0" };
static struct guest_region test_region = {
	.name = "uart0", .node_path = "/guests/guest0/aspace/uart0",
};

static void *probe_ok(const struct emulator *e)
{
	void *priv = NULL;

	CHECK_EQ(e->probe(&test_guest, &test_region, &priv), 0);
	CHECK(priv != NULL);
	return priv;
}

UNIT_TEST(test_emulator_glue)
{
	const struct emulator *e = find_emu("ns16550a");
	uint64_t v;
	void *priv;

	CHECK(e != NULL);
	CHECK(find_emu("ns16550d") == e && find_emu("8250") == e);
	if (!e)
		return;
	have_shift = have_width = false;
	have_irq = true;
	priv = probe_ok(e);
	CHECK_STR(last_vs->name, "guest0/uart0");
	CHECK_EQ(e->write(priv, 0, 1, 'A'), 0);
	CHECK_EQ(last_vs->out_len, 1);
	CHECK_EQ(last_vs->out[0], 'A');
	CHECK_EQ(e->read(priv, 5, 1, &v), 0);
	CHECK_EQ(v, 0x60);
	CHECK_EQ(e->write(priv, 1, 1, UART_IER_RDI), 0);
	g_calls = 0;
	CHECK_EQ(last_vs->rx(last_vs->priv, "xy", 2), 1);	/* FIFOs off */
	CHECK_EQ(g_calls, 1);
	CHECK_EQ(g_irq, 10);
	CHECK_EQ(g_level, 1);
	CHECK_EQ(e->read(priv, 0, 1, &v), 0);
	CHECK_EQ(v, 'x');
	CHECK_EQ(g_level, 0);
	CHECK_EQ(e->read(priv, 0x100, 1, &v), 0);	/* beyond the registers */
	CHECK_EQ(v, 0);
	/* Wider than reg_io_width (1): refused, the guest takes a fault. */
	CHECK_EQ(e->read(priv, 0x100, 4, &v), -EINVAL);
	CHECK_EQ(e->read(priv, 5, 2, &v), -EINVAL);
	CHECK_EQ(e->write(priv, 0, 8, 'B'), -EINVAL);
	CHECK_EQ(last_vs->out_len, 1);
	e->reset(priv);
	CHECK_EQ(e->read(priv, 1, 1, &v), 0);
	CHECK_EQ(v, 0);
	vs_destroyed = 0;
	e->remove(priv);
	CHECK_EQ(vs_destroyed, 1);
}

UNIT_TEST(test_emulator_reg_shift)
{
	const struct emulator *e = find_emu("ns16550a");
	uint64_t v;
	void *priv;

	if (!e)
		return;
	have_shift = have_width = true;
	fake_reg_shift = 2;
	fake_io_width = 4;
	priv = probe_ok(e);
	CHECK_EQ(e->write(priv, 7 << 2, 4, 0x1234a5), 0);	/* SCR */
	CHECK_EQ(e->read(priv, 7 << 2, 4, &v), 0);
	CHECK_EQ(v, 0xa5);
	CHECK_EQ(e->read(priv, 5 << 2, 4, &v), 0);	/* LSR */
	CHECK_EQ(v, 0x60);
	CHECK_EQ(e->read(priv, 5, 1, &v), 0);	/* between registers */
	CHECK_EQ(v, 0);
	e->remove(priv);
	fake_io_width = 3;
	CHECK_EQ(e->probe(&test_guest, &test_region, &priv), -EINVAL);
	have_shift = have_width = false;
	have_irq = false;
	CHECK_EQ(e->probe(&test_guest, &test_region, &priv), -EINVAL);
	have_irq = true;
}

UNIT_MAIN();
