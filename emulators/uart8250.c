/*
 * The ns16550a / ns16550d / 8250 emulator: binds the 16550A register
 * model (uart8250_model.c) to a guest region.  Registers sit at
 * offset reg << reg_shift (region properties reg_shift, default 0, and
 * reg_io_width, default 1: an access wider than reg_io_width fails, so
 * the guest takes an access fault, and a narrower one reaches the
 * register byte);
 * transmitted bytes go to the vserial port "<guest>/<region>" (2048-byte
 * FIFO), input from that port fills the RX FIFO, and the interrupt line
 * (first cell of `interrupts`) follows the model's level through
 * guest_irq_set().  One spinlock per UART serialises vCPUs and the shell.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/spinlock.h>
#include <vmm/vserial.h>

#include "uart8250_model.h"

#define UART_VSERIAL_FIFO	2048

struct uart8250 {
	spinlock_t lock;
	struct uart_model model;
	struct guest *guest;
	unsigned int irq;
	unsigned int reg_shift;
	unsigned int io_width;
	struct vserial *vs;
};

static void uart_tx(void *arg, char c)
{
	struct uart8250 *u = arg;

	vserial_send(u->vs, &c, 1);
}

static void uart_irq(void *arg, bool level)
{
	struct uart8250 *u = arg;

	guest_irq_set(u->guest, u->irq, level);
}

static int uart_vserial_rx(void *priv, const char *buf, size_t len)
{
	struct uart8250 *u = priv;
	unsigned long flags;
	size_t n;

	spin_lock_irqsave(&u->lock, flags);
	n = uart_model_rx(&u->model, buf, len);
	spin_unlock_irqrestore(&u->lock, flags);
	return (int)n;
}

/* Register number of an offset, or -1 for bytes between registers. */
static int uart_reg(const struct uart8250 *u, uint64_t offset)
{
	uint64_t reg = offset >> u->reg_shift;

	if (offset & ((1ULL << u->reg_shift) - 1) || reg >= UART_NR_REGS)
		return -1;
	return (int)reg;
}

static int uart_read(void *priv, uint64_t offset, unsigned int width, uint64_t *val)
{
	struct uart8250 *u = priv;
	int reg = uart_reg(u, offset);
	unsigned long flags;

	*val = 0;
	if (width > u->io_width)
		return -EINVAL;
	if (reg < 0)
		return 0;
	spin_lock_irqsave(&u->lock, flags);
	*val = uart_model_read(&u->model, (unsigned int)reg);
	spin_unlock_irqrestore(&u->lock, flags);
	return 0;
}

static int uart_write(void *priv, uint64_t offset, unsigned int width, uint64_t val)
{
	struct uart8250 *u = priv;
	int reg = uart_reg(u, offset);
	unsigned long flags;

	if (width > u->io_width)
		return -EINVAL;
	if (reg < 0)
		return 0;
	spin_lock_irqsave(&u->lock, flags);
	uart_model_write(&u->model, (unsigned int)reg, (uint8_t)val);
	spin_unlock_irqrestore(&u->lock, flags);
	return 0;
}

static void uart_reset(void *priv)
{
	struct uart8250 *u = priv;
	unsigned long flags;

	spin_lock_irqsave(&u->lock, flags);
	uart_model_reset(&u->model);
	spin_unlock_irqrestore(&u->lock, flags);
}

static int uart_config(struct uart8250 *u, const char *path)
{
	uint32_t shift = 0, io_width = 1, irq;
	int node = devtree_path_offset(path);

	if (node < 0 || devtree_read_u32_array(node, "interrupts", &irq, 1) < 1) {
		printf("%s: missing interrupts\n", path);
		return -EINVAL;
	}
	devtree_path_read_u32(path, "reg_shift", &shift);
	devtree_path_read_u32(path, "reg_io_width", &io_width);
	if (shift > 4 || (io_width != 1 && io_width != 2 && io_width != 4)) {
		printf("%s: bad reg_shift or reg_io_width\n", path);
		return -EINVAL;
	}
	u->irq = irq;
	u->reg_shift = shift;
	u->io_width = io_width;
	return 0;
}

static int uart_probe(struct guest *g, struct guest_region *r, void **priv)
{
	char name[VSERIAL_NAME_MAX];
	struct uart8250 *u;
	int rc;

	u = calloc(1, sizeof(*u));
	if (!u)
		return -ENOMEM;
	rc = uart_config(u, r->node_path);
	if (rc) {
		free(u);
		return rc;
	}
	spin_lock_init(&u->lock);
	u->guest = g;
	uart_model_init(&u->model, uart_tx, uart_irq, u);
	snprintf(name, sizeof(name), "%s/%s", g->name, r->name);
	u->vs = vserial_create(name, UART_VSERIAL_FIFO, uart_vserial_rx, u);
	if (!u->vs) {
		free(u);
		return -ENOMEM;
	}
	*priv = u;
	return 0;
}

static void uart_remove(void *priv)
{
	struct uart8250 *u = priv;

	vserial_destroy(u->vs);
	free(u);
}

static const char *const uart_compat[] = { "ns16550a", "ns16550d", "8250", NULL };

VMM_EMULATOR(uart8250_emu) = {
	.name = "uart8250",
	.compatible = uart_compat,
	.probe = uart_probe,
	.read = uart_read,
	.write = uart_write,
	.reset = uart_reset,
	.remove = uart_remove,
};
