/*
 * The hypervisor console (`stdio device`): where printf() output goes and
 * where the shell reads keys.  Until a console chardev is set, output goes
 * to the architecture's early console (SBI).  '\n' is sent as "\r\n".
 */
#ifndef VMM_CONSOLE_H
#define VMM_CONSOLE_H

#include <stddef.h>

struct chardev;

void console_set_device(struct chardev *cd);
struct chardev *console_get_device(void);
void console_putc(char c);
void console_write(const char *buf, size_t len);
/* Raw bytes, no newline translation (used for passing guest output). */
void console_write_raw(const char *buf, size_t len);
int console_getc(void);

/* Provided by the architecture: output before any driver exists. */
void arch_early_putc(char c);

#endif
