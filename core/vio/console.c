/*
 * The hypervisor console.  Output from any hart is serialised by one lock
 * so lines from different harts do not interleave mid-character; before a
 * console device exists it goes to the architecture's early console.
 */
#include <errno.h>
#include <vmm/chardev.h>
#include <vmm/console.h>
#include <vmm/spinlock.h>

static struct chardev *console_dev;
static spinlock_t console_lock = SPINLOCK_INIT;
/* Woken whenever the console device changes. */
static struct waitq console_changed = WAITQ_INIT(console_changed);

void console_set_device(struct chardev *cd)
{
	console_dev = cd;
	waitq_wake_all(&console_changed);
}

struct chardev *console_get_device(void)
{
	return console_dev;
}

static void raw_out(const char *buf, size_t len)
{
	if (console_dev)
		console_dev->write(console_dev, buf, len);
	else
		while (len--)
			arch_early_putc(*buf++);
}

void console_write_raw(const char *buf, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&console_lock, flags);
	raw_out(buf, len);
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_write(const char *buf, size_t len)
{
	unsigned long flags;
	size_t start = 0;

	spin_lock_irqsave(&console_lock, flags);
	for (size_t i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		raw_out(buf + start, i - start);
		raw_out("\r\n", 2);
		start = i + 1;
	}
	raw_out(buf + start, len - start);
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_putc(char c)
{
	console_write(&c, 1);
}

bool console_can_read(void)
{
	struct chardev *cd = console_dev;

	return cd && cd->read;
}

static bool readable(void *arg)
{
	(void)arg;
	return console_can_read();
}

void console_wait_readable(void)
{
	waitq_wait_event(&console_changed, readable, NULL);
}

int console_getc(void)
{
	struct chardev *cd = console_dev;

	return cd && cd->read ? chardev_getc(cd) : -ENODEV;
}
