/*
 * Virtual serial ports: the host side of a guest's serial devices.  A
 * device emulator creates a port named "<guest>/<node>" and pushes the
 * guest's output with vserial_send(); nobody attached means the bytes go
 * into a FIFO of the given size that overwrites its oldest bytes.  A
 * receiver (`vserial bind`, `vserial dump`) first drains that FIFO, then
 * gets output live.  Input typed by the user goes to the device through
 * the port's rx() callback, which returns how many bytes the device took
 * (it may take fewer when its own FIFO is full; the caller retries).
 */
#ifndef VMM_VSERIAL_H
#define VMM_VSERIAL_H

#include <stdbool.h>
#include <stddef.h>

struct vserial;

struct vserial *vserial_create(const char *name, size_t fifo_size,
			       int (*rx)(void *priv, const char *buf, size_t len), void *priv);
void vserial_destroy(struct vserial *vs);
void vserial_send(struct vserial *vs, const char *buf, size_t len);
struct vserial *vserial_find(const char *name);
const char *vserial_name(const struct vserial *vs);
/* First port whose name is "<guest>/..." (exact guest name match). */
struct vserial *vserial_find_for_guest(const char *guest);
void vserial_for_each(void (*fn)(struct vserial *vs, void *arg), void *arg);

#endif
