/*
 * The hypervisor console (`stdio device`): where printf() output goes and
 * where the shell reads keys.  Until a console chardev is set, output goes
 * to the architecture's early console (SBI), which has no input.  '\n' is
 * sent as "\r\n".
 */
#ifndef VMM_CONSOLE_H
#define VMM_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

struct chardev;

void console_set_device(struct chardev *cd);
struct chardev *console_get_device(void);
void console_putc(char c);
void console_write(const char *buf, size_t len);
/* Raw bytes, no newline translation (used for passing guest output). */
void console_write_raw(const char *buf, size_t len);
/* The next key from the console device, blocking until one arrives;
 * -ENODEV when there is no console device or it cannot be read. */
int console_getc(void);
/* Whether the console has a device that can be read. */
bool console_can_read(void);
/* Block until console_can_read() (a readable device is set). */
void console_wait_readable(void);

/* Provided by the architecture: output before any driver exists. */
void arch_early_putc(char c);

#endif
