/*
 * vserial daemons: a guest serial port bound permanently to a transport,
 * until `vsdaemon destroy` (or the port goes away with its guest).
 *
 *  - mterm: the port's output is shown on the management terminal (the
 *    hypervisor console), decorated with the "[<port>] " prefix as
 *    `vserial bind` shows it.  Console input stays with the shell.
 *  - chardev: the port's output is written to a host character device and
 *    what that device receives is typed into the port, both ways, by a
 *    thread "vsdaemon/<name>" that polls the device.  The console device is
 *    refused (it belongs to the shell), and so is a device another daemon
 *    already uses.
 *
 * Calls come from the shell thread.  Errors are negative errno after one
 * line naming the problem: -EEXIST (daemon name taken), -ENOENT (no such
 * port, device, transport or daemon), -EBUSY (device taken or console),
 * -ENOMEM.
 */
#ifndef VMM_VSDAEMON_H
#define VMM_VSDAEMON_H

#include <stddef.h>

#define VSDAEMON_NAME_MAX	32

struct vsdaemon_info {
	char name[VSDAEMON_NAME_MAX];
	const char *transport;
	char vserial[80];		/* "" once the port is gone */
	char chardev[48];		/* "" for mterm */
};

/* Transport names, NULL-terminated ("mterm", "chardev"). */
extern const char *const vsdaemon_transports[];

/* chardev is only used by the chardev transport (NULL otherwise). */
int vsdaemon_create(const char *transport, const char *vserial, const char *name,
		    const char *chardev);
int vsdaemon_destroy(const char *name);
/* Fill *out for the idx-th daemon; -ENOENT past the last one. */
int vsdaemon_get(unsigned int idx, struct vsdaemon_info *out);

#endif
