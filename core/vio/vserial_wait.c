/*
 * Feeding user input to a virtual serial port without losing any: keep
 * handing the bytes to the device, sleeping the calling thread briefly
 * while its receive FIFO is full.  Apart from core/vio/vserial.c because it
 * needs the scheduler.
 */
#include <vmm/thread.h>
#include <vmm/vserial.h>

#define RX_RETRY_NS	1000000ULL	/* device FIFO full: wait 1 ms */

int vserial_receive_all(struct vserial *vs, const char *buf, size_t len)
{
	while (len) {
		int n = vserial_receive(vs, buf, len);

		if (n < 0)
			return n;
		if (!n) {
			thread_sleep_ns(RX_RETRY_NS);
			continue;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}
