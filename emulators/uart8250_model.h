/*
 * The 16550A register model behind the ns16550a/8250 emulator, kept free
 * of guests and locks so host unit tests can drive it: registers are
 * numbered 0..7 (the caller applies reg_shift), transmitted bytes and
 * interrupt level changes leave through callbacks.  The caller serialises
 * all calls.
 */
#ifndef EMULATORS_UART8250_MODEL_H
#define EMULATORS_UART8250_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UART_RX_FIFO_SIZE	64

/* Register numbers (DLAB selects DLL/DLM at 0/1). */
enum {
	UART_RBR_THR_DLL, UART_IER_DLM, UART_IIR_FCR, UART_LCR,
	UART_MCR, UART_LSR, UART_MSR, UART_SCR, UART_NR_REGS,
};

#define UART_IER_RDI	0x01
#define UART_IER_THRI	0x02
#define UART_IER_RLSI	0x04
#define UART_IER_MSI	0x08
#define UART_IIR_NO_INT	0x01
#define UART_IIR_MSI	0x00
#define UART_IIR_THRI	0x02
#define UART_IIR_RDI	0x04
#define UART_IIR_RLSI	0x06
#define UART_IIR_FIFO	0xc0
#define UART_FCR_ENABLE	0x01
#define UART_FCR_CLR_RX	0x02
#define UART_LCR_DLAB	0x80
#define UART_MCR_LOOP	0x10
#define UART_LSR_DR	0x01
#define UART_LSR_OE	0x02
#define UART_LSR_THRE	0x20
#define UART_LSR_TEMT	0x40

struct uart_model {
	uint8_t ier, lcr, mcr, fcr, scr, dll, dlm;
	bool overrun;		/* LSR OE until LSR is read */
	bool thre_pending;	/* THRE interrupt armed */
	bool irq_level;		/* last level reported */
	uint8_t rx[UART_RX_FIFO_SIZE];
	unsigned int rx_head, rx_count;
	void (*tx)(void *arg, char c);
	void (*irq)(void *arg, bool level);
	void *arg;
};

void uart_model_init(struct uart_model *u, void (*tx)(void *arg, char c),
		     void (*irq)(void *arg, bool level), void *arg);
/* Power-on values (the interrupt is lowered if it was raised). */
void uart_model_reset(struct uart_model *u);
uint8_t uart_model_read(struct uart_model *u, unsigned int reg);
void uart_model_write(struct uart_model *u, unsigned int reg, uint8_t val);
/* Received bytes into the RX FIFO; returns how many fit. */
size_t uart_model_rx(struct uart_model *u, const char *buf, size_t len);

#endif
