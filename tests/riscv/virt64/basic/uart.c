/*
 * The firmware console: a polled ns16550a at 0x10000000 (byte registers, no
 * interrupts), wired up as picolibc's stdin, stdout and stderr so printf()
 * writes to it.  Newlines go out as CR LF.
 */
#include <stdio.h>

#include "basic.h"

#define UART_BASE	0x10000000UL
#define UART_RBR	0
#define UART_THR	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LSR_DR		0x01
#define LSR_THRE	0x20

static inline uint8_t uart_read(unsigned int reg)
{
	return *(volatile uint8_t *)(UART_BASE + reg);
}

static inline void uart_write(unsigned int reg, uint8_t val)
{
	*(volatile uint8_t *)(UART_BASE + reg) = val;
}

void uart_init(void)
{
	uart_write(UART_IER, 0);
	uart_write(UART_LCR, 0x03);	/* 8N1 */
	uart_write(UART_FCR, 0x07);	/* enable and reset FIFOs */
	uart_write(UART_MCR, 0x03);	/* DTR, RTS */
}

void uart_putc(char c)
{
	while (!(uart_read(UART_LSR) & LSR_THRE))
		;
	uart_write(UART_THR, (uint8_t)c);
}

bool uart_has_char(void)
{
	return uart_read(UART_LSR) & LSR_DR;
}

int uart_getc(void)
{
	while (!uart_has_char())
		;
	return uart_read(UART_RBR);
}

static int uart_stdio_put(char c, FILE *f)
{
	(void)f;
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
	return (unsigned char)c;
}

static int uart_stdio_get(FILE *f)
{
	(void)f;
	return uart_getc();
}

static FILE uart_stdio = FDEV_SETUP_STREAM(uart_stdio_put, uart_stdio_get, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &uart_stdio;
FILE *const stdout = &uart_stdio;
FILE *const stderr = &uart_stdio;
