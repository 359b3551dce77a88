/*
 * picolibc's stdio streams bound to the hypervisor console: stdout and
 * stderr write to it, stdin reads keys from it.
 */
#include <stdio.h>
#include <vmm/console.h>

static int stdio_putc(char c, FILE *f)
{
	(void)f;
	console_putc(c);
	return (unsigned char)c;
}

static int stdio_getc(FILE *f)
{
	(void)f;
	return console_getc();
}

static FILE console_stream = FDEV_SETUP_STREAM(stdio_putc, stdio_getc, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &console_stream;
FILE *const stdout = &console_stream;
FILE *const stderr = &console_stream;
