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
#include <vmm/list.h>

struct vserial;

struct vserial *vserial_create(const char *name, size_t fifo_size,
			       int (*rx)(void *priv, const char *buf, size_t len), void *priv);
void vserial_destroy(struct vserial *vs);
void vserial_send(struct vserial *vs, const char *buf, size_t len);
struct vserial *vserial_find(const char *name);
const char *vserial_name(const struct vserial *vs);
/* First port whose name is "<guest>/..." (exact guest name match). */
struct vserial *vserial_find_for_guest(const char *guest);
/* Walks under the registry lock: fn must not block (vmm/registry.h). */
void vserial_for_each(void (*fn)(struct vserial *vs, void *arg), void *arg);

/*
 * Receivers (added with core/vio/vserial.c for `vserial bind`/`dump`).  out()
 * is called with the port's lock held, from any hart (a vCPU's send), so
 * it must not block and must not call back into the port.
 * vserial_attach() drains the FIFO into out(), oldest byte first, then
 * the receiver gets output live until vserial_detach() returns.  The
 * caller keeps the port alive while attached (the shell that binds it is
 * also the one that would destroy its guest).
 */
struct vserial_receiver {
	void (*out)(struct vserial_receiver *r, const char *buf, size_t len);
	/*
	 * Optional: vserial_destroy() unlinks a receiver still attached and
	 * calls gone() (no lock held) before the port is freed; after that the
	 * receiver must not use the port.  Permanent receivers (vsdaemon) need
	 * it; `vserial bind` runs on the shell, which is also what destroys.
	 */
	void (*gone)(struct vserial_receiver *r);
	struct list_head node;
};

void vserial_attach(struct vserial *vs, struct vserial_receiver *r);
void vserial_detach(struct vserial *vs, struct vserial_receiver *r);
/* User input to the device (its rx()): bytes taken, 0 when the device
 * FIFO is full (retry later), or a negative errno (-ENOSYS: no rx). */
int vserial_receive(struct vserial *vs, const char *buf, size_t len);
/* All of buf to the device, sleeping while its FIFO is full: 0 or the
 * device's error.  In core/vio/vserial_wait.c (it needs the scheduler). */
int vserial_receive_all(struct vserial *vs, const char *buf, size_t len);

/*
 * Console decoration of a port's output (core/vio/vserial_term.c), as
 * `vserial bind` shows it: with prefix "[<name>] ", guest \r and \n are
 * followed by the prefix, ESC[H is followed by the prefix, and
 * ESC[r;cH / ESC[r;cf become ESC[r;0H, the prefix, ESC[r;<c+width>H
 * (same final letter).  Every other byte passes unchanged.  Escape
 * sequences split across calls are handled; emit() gets runs of bytes.
 */
#define VSERIAL_NAME_MAX	80
#define VSERIAL_SEQ_MAX		24

struct vserial_deco {
	char prefix[VSERIAL_NAME_MAX + 4];
	size_t prefix_len;
	int state;
	char seq[VSERIAL_SEQ_MAX];
	size_t seq_len;
	void (*emit)(void *arg, const char *buf, size_t len);
	void *arg;
};

void vserial_deco_init(struct vserial_deco *d, const char *name,
		       void (*emit)(void *arg, const char *buf, size_t len), void *arg);
void vserial_deco_feed(struct vserial_deco *d, const char *buf, size_t len);

/*
 * Keyboard filter of `vserial bind`: feed one key, get the bytes to send
 * to the port in out (room for VSERIAL_SEQ_MAX + 1 bytes).  Returns their
 * count (0 while an escape sequence is incomplete), or -1 for ESC x q
 * (detach).  The terminal reply ESC[r;cR becomes
 * ESC[r;<max(0, c - width)>R; anything else is forwarded unchanged.
 */
struct vserial_keys {
	size_t width;		/* prefix width: strlen(name) + 3 */
	int state;
	char seq[VSERIAL_SEQ_MAX];
	size_t seq_len;
};

void vserial_keys_init(struct vserial_keys *k, const char *name);
int vserial_keys_feed(struct vserial_keys *k, char c, char *out);

#endif
