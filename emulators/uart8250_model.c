/*
 * The 16550A register model: divisor latch, IER, IIR with its priorities
 * (line status > received data > THR empty > modem status), FCR with a
 * 64-byte receive FIFO (one byte when FIFOs are disabled), LCR, MCR with
 * loopback, LSR, MSR and the scratch register.  Transmission is
 * instantaneous, so THRE and TEMT are always set; the THRE interrupt is
 * armed by an IER write enabling it and after each THR write, and cleared
 * by reading IIR while it is the reported source, as on a real 16550A.
 * The interrupt output is a level recomputed after every change.
 */
#include <string.h>

#include "uart8250_model.h"

static unsigned int rx_capacity(const struct uart_model *u)
{
	return (u->fcr & UART_FCR_ENABLE) ? UART_RX_FIFO_SIZE : 1;
}

static uint8_t iir_source(const struct uart_model *u)
{
	if ((u->ier & UART_IER_RLSI) && u->overrun)
		return UART_IIR_RLSI;
	if ((u->ier & UART_IER_RDI) && u->rx_count)
		return UART_IIR_RDI;
	if ((u->ier & UART_IER_THRI) && u->thre_pending)
		return UART_IIR_THRI;
	return UART_IIR_NO_INT;
}

static void update_irq(struct uart_model *u)
{
	bool level = iir_source(u) != UART_IIR_NO_INT;

	if (level != u->irq_level) {
		u->irq_level = level;
		u->irq(u->arg, level);
	}
}

static bool rx_push(struct uart_model *u, uint8_t c)
{
	if (u->rx_count >= rx_capacity(u))
		return false;
	u->rx[(u->rx_head + u->rx_count) % UART_RX_FIFO_SIZE] = c;
	u->rx_count++;
	return true;
}

static uint8_t rx_pop(struct uart_model *u)
{
	uint8_t c;

	if (!u->rx_count)
		return 0;
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % UART_RX_FIFO_SIZE;
	u->rx_count--;
	return c;
}

static uint8_t msr_value(const struct uart_model *u)
{
	uint8_t m = u->mcr;

	if (!(u->mcr & UART_MCR_LOOP))
		return 0xb0;	/* DCD, DSR and CTS asserted */
	/* Loopback: RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD. */
	return (uint8_t)(((m & 0x02) << 3) | ((m & 0x01) << 5) | ((m & 0x04) << 4) |
			 ((m & 0x08) << 4));
}

void uart_model_init(struct uart_model *u, void (*tx)(void *arg, char c),
		     void (*irq)(void *arg, bool level), void *arg)
{
	memset(u, 0, sizeof(*u));
	u->tx = tx;
	u->irq = irq;
	u->arg = arg;
}

void uart_model_reset(struct uart_model *u)
{
	u->ier = 0;
	u->lcr = 0;
	u->mcr = 0;
	u->fcr = 0;
	u->scr = 0;
	u->dll = 0;
	u->dlm = 0;
	u->overrun = false;
	u->thre_pending = false;
	u->rx_head = 0;
	u->rx_count = 0;
	update_irq(u);
}

uint8_t uart_model_read(struct uart_model *u, unsigned int reg)
{
	bool dlab = u->lcr & UART_LCR_DLAB;
	uint8_t val = 0;

	switch (reg) {
	case UART_RBR_THR_DLL:
		if (dlab)
			return u->dll;
		val = rx_pop(u);
		break;
	case UART_IER_DLM:
		return dlab ? u->dlm : u->ier;
	case UART_IIR_FCR:
		val = iir_source(u);
		if (val == UART_IIR_THRI)
			u->thre_pending = false;
		if (u->fcr & UART_FCR_ENABLE)
			val |= UART_IIR_FIFO;
		break;
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		val = UART_LSR_THRE | UART_LSR_TEMT;
		if (u->rx_count)
			val |= UART_LSR_DR;
		if (u->overrun)
			val |= UART_LSR_OE;
		u->overrun = false;
		break;
	case UART_MSR:
		return msr_value(u);
	case UART_SCR:
		return u->scr;
	default:
		return 0;
	}
	update_irq(u);
	return val;
}

static void write_thr(struct uart_model *u, uint8_t val)
{
	if (u->mcr & UART_MCR_LOOP) {
		if (!rx_push(u, val))
			u->overrun = true;
	} else {
		u->tx(u->arg, (char)val);
	}
	u->thre_pending = true;	/* sent at once: THR is empty again */
}

static void write_fcr(struct uart_model *u, uint8_t val)
{
	if ((val ^ u->fcr) & UART_FCR_ENABLE || (val & UART_FCR_CLR_RX)) {
		u->rx_head = 0;
		u->rx_count = 0;
	}
	u->fcr = val & 0xc9;	/* enable, DMA mode, trigger level */
}

void uart_model_write(struct uart_model *u, unsigned int reg, uint8_t val)
{
	bool dlab = u->lcr & UART_LCR_DLAB;

	switch (reg) {
	case UART_RBR_THR_DLL:
		if (dlab)
			u->dll = val;
		else
			write_thr(u, val);
		break;
	case UART_IER_DLM:
		if (dlab) {
			u->dlm = val;
			break;
		}
		u->ier = val & 0x0f;
		if (u->ier & UART_IER_THRI)
			u->thre_pending = true;
		break;
	case UART_IIR_FCR:
		write_fcr(u, val);
		break;
	case UART_LCR:
		u->lcr = val;
		break;
	case UART_MCR:
		u->mcr = val & 0x1f;
		break;
	case UART_SCR:
		u->scr = val;
		break;
	default:		/* LSR and MSR are read-only */
		break;
	}
	update_irq(u);
}

size_t uart_model_rx(struct uart_model *u, const char *buf, size_t len)
{
	size_t n = 0;

	while (n < len && rx_push(u, (uint8_t)buf[n]))
		n++;
	update_irq(u);
	return n;
}
