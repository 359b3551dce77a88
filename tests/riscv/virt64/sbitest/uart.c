/*
 * Console of the SBI test guest: the ns16550a at 0x10000000, polled, as
 * picolibc's stdin/stdout/stderr (LF goes out as CR LF).
 */
#include <stdio.h>

#include "sbitest.h"

#define UART_RBR	0
#define UART_THR	0
#define UART_LCR	3
#define UART_LSR	5
#define LSR_DR		0x01
#define LSR_THRE	0x20

static volatile uint8_t *const uart = (volatile uint8_t *)UART_BASE;

void uart_init(void)
{
	uart[UART_LCR] = 0x03;	/* 8N1 */
}

static void uart_putc(char c)
{
	while (!(uart[UART_LSR] & LSR_THRE))
		;
	uart[UART_THR] = (uint8_t)c;
}

int uart_getc(void)
{
	while (!(uart[UART_LSR] & LSR_DR))
		;
	return uart[UART_RBR];
}

static int stdio_put(char c, FILE *f)
{
	(void)f;
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
	return (unsigned char)c;
}

static int stdio_get(FILE *f)
{
	(void)f;
	return uart_getc();
}

static FILE uart_stdio = FDEV_SETUP_STREAM(stdio_put, stdio_get, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &uart_stdio;
FILE *const stdout = &uart_stdio;
FILE *const stderr = &uart_stdio;
