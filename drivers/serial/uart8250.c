/*
 * ns16550a / 8250 UART driver.  Registers a chardev named after the host
 * DT node (e.g. serial@10000000); transmits by polling the line status
 * register and receives by interrupt into a ring buffer when the host has
 * an interrupt controller driver, by polling otherwise.  The UART named by
 * vmm.console or /chosen/stdout-path becomes the hypervisor console.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <libfdt.h>
#include <vmm/console.h>
#include <vmm/chardev.h>
#include <vmm/driver.h>
#include <vmm/host.h>
#include <vmm/irq.h>

#define UART_RBR	0
#define UART_THR	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LSR_DR		0x01
#define LSR_THRE	0x20
#define IER_RDI		0x01
#define RX_RING		256

struct uart8250 {
	struct chardev cd;
	volatile uint8_t *base;
	unsigned int shift;
	unsigned int width;
	unsigned int irq;
	char ring[RX_RING];
	unsigned int head, tail;
	spinlock_t lock;
};

static uint8_t uart_in(struct uart8250 *u, unsigned int reg)
{
	volatile uint8_t *p = u->base + (reg << u->shift);

	return u->width == 4 ? (uint8_t) * (volatile uint32_t *)p : *p;
}

static void uart_out(struct uart8250 *u, unsigned int reg, uint8_t v)
{
	volatile uint8_t *p = u->base + (reg << u->shift);

	if (u->width == 4)
		*(volatile uint32_t *)p = v;
	else
		*p = v;
}

static int uart_write(struct chardev *cd, const char *buf, size_t len)
{
	struct uart8250 *u = cd->priv;

	for (size_t i = 0; i < len; i++) {
		while (!(uart_in(u, UART_LSR) & LSR_THRE))
			;
		uart_out(u, UART_THR, buf[i]);
	}
	return len;
}

static int uart_read(struct chardev *cd, char *buf, size_t len)
{
	struct uart8250 *u = cd->priv;
	unsigned long flags;
	size_t n = 0;

	if (!cd->rx_irq) {
		while (n < len && (uart_in(u, UART_LSR) & LSR_DR))
			buf[n++] = uart_in(u, UART_RBR);
		return n;
	}
	spin_lock_irqsave(&u->lock, flags);
	while (n < len && u->tail != u->head) {
		buf[n++] = u->ring[u->tail];
		u->tail = (u->tail + 1) % RX_RING;
	}
	spin_unlock_irqrestore(&u->lock, flags);
	return n;
}

static void uart_irq(unsigned int irq, void *dev)
{
	struct uart8250 *u = dev;

	(void)irq;
	spin_lock(&u->lock);
	while (uart_in(u, UART_LSR) & LSR_DR) {
		char c = uart_in(u, UART_RBR);
		unsigned int next = (u->head + 1) % RX_RING;

		if (next != u->tail) {
			u->ring[u->head] = c;
			u->head = next;
		}
	}
	spin_unlock(&u->lock);
	waitq_wake_all(&u->cd.rx_wait);
}

static int uart8250_probe(const void *fdt, int node)
{
	struct uart8250 *u;
	const fdt32_t *p;
	uint64_t base;
	int rc;

	if (fdt_node_reg(fdt, node, 0, &base, NULL))
		return -EINVAL;
	u = calloc(1, sizeof(*u));
	if (!u)
		return -ENOMEM;
	u->base = (volatile uint8_t *)base;
	p = fdt_getprop(fdt, node, "reg-shift", NULL);
	u->shift = p ? fdt32_to_cpu(*p) : 0;
	p = fdt_getprop(fdt, node, "reg-io-width", NULL);
	u->width = p ? fdt32_to_cpu(*p) : 1;
	u->irq = fdt_node_irq(fdt, node);
	spin_lock_init(&u->lock);
	snprintf(u->cd.name, sizeof(u->cd.name), "%s", fdt_get_name(fdt, node, NULL));
	u->cd.write = uart_write;
	u->cd.read = uart_read;
	u->cd.priv = u;
	rc = chardev_register(&u->cd);
	if (rc) {
		free(u);
		return rc;
	}
	if (u->irq && irq_get_chip()) {
		u->cd.rx_irq = true;
		if (irq_register(u->irq, u->cd.name, uart_irq, u))
			u->cd.rx_irq = false;
		else
			uart_out(u, UART_IER, IER_RDI);
	}
	if (node == fdt_console_node(fdt, host_info.bootargs) || !console_get_device())
		console_set_device(&u->cd);
	return 0;
}

static const char *const uart8250_compat[] = { "ns16550a", "ns16550", "ns8250", "8250", NULL };
VMM_DRIVER(uart8250_driver) = {
	.name = "uart8250",
	.compatible = uart8250_compat,
	.stage = DRIVER_STAGE_DEVICE,
	.probe = uart8250_probe,
};
