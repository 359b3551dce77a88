/*
 * Split virtqueues (virtio 1.x section 2.7, also the legacy layout), seen
 * from the device side and independent of the transport and of the
 * architecture.  Every guest memory access goes through a small callback
 * interface (struct vq_mem_ops), so unit tests and the fuzzer run the same
 * code over a fake memory.  The guest is hostile: each index read from the
 * rings is checked against the queue size, each descriptor address range
 * against guest RAM (range_ok) before it is reported, chains are bounded
 * (no loops), indirect tables are checked, and the sum of a chain's
 * lengths is bounded.  On any malformed ring vq_pop() marks the queue
 * broken and returns -EIO with vq->error naming the fault; a broken queue
 * does nothing more until vq_setup() or vq_reset().  The caller serialises
 * all calls on one queue.
 */
#ifndef VMM_VIRTQUEUE_H
#define VMM_VIRTQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#define VQ_MAX_SIZE		32768	/* largest queue size the spec allows */
#define VQ_MAX_SEGS		128	/* buffers gathered from one chain */

#define VRING_DESC_F_NEXT	1
#define VRING_DESC_F_WRITE	2
#define VRING_DESC_F_INDIRECT	4
#define VRING_AVAIL_F_NO_INTERRUPT	1

/* Feature bits of the rings (the transport offers them). */
#define VIRTIO_RING_F_INDIRECT_DESC	28

struct vq_mem_ops {
	/* Whole of [gpa, gpa + len) is guest RAM (writable too if write). */
	bool (*range_ok)(void *ctx, uint64_t gpa, uint64_t len, bool write);
	/* Copies; 0 or a negative errno when any byte is outside guest RAM. */
	int (*read)(void *ctx, uint64_t gpa, void *buf, uint64_t len);
	int (*write)(void *ctx, uint64_t gpa, const void *buf, uint64_t len);
};

struct virtqueue {
	const struct vq_mem_ops *mem;
	void *ctx;
	uint32_t num;		/* queue size; 0 = not set up */
	uint64_t desc;		/* guest physical addresses of the three areas */
	uint64_t avail;
	uint64_t used;
	uint16_t last_avail;	/* next available ring slot to consume */
	uint16_t used_idx;	/* next used ring slot to fill */
	bool broken;
	const char *error;	/* why it broke */
};

/* One buffer of a chain: guest physical range, device-writable or not. */
struct vq_buf {
	uint64_t addr;
	uint32_t len;
	bool write;
};

struct vq_chain {
	uint16_t head;		/* descriptor index to return in vq_push() */
	unsigned int nbufs;
	unsigned int nout;	/* bufs[0..nout) are readable, the rest writable */
	uint64_t out_len;	/* bytes readable by the device */
	uint64_t in_len;	/* bytes writable by the device */
	struct vq_buf bufs[VQ_MAX_SEGS];
};

void vq_init(struct virtqueue *vq, const struct vq_mem_ops *mem, void *ctx);
/* Forget the rings (queue reset); the memory interface stays. */
void vq_reset(struct virtqueue *vq);
/*
 * Place the rings: num entries (1..VQ_MAX_SIZE), descriptor table at desc
 * (16-byte aligned), available ring at avail (2-byte aligned), used ring
 * at used (4-byte aligned); each area must lie in guest RAM (the used ring
 * writable).  -EINVAL otherwise, with the queue left unset.
 */
int vq_setup(struct virtqueue *vq, uint32_t num, uint64_t desc, uint64_t avail, uint64_t used);
static inline bool vq_ready(const struct virtqueue *vq)
{
	return vq->num && !vq->broken;
}

/* Byte size of each area for a queue of num entries (no event index). */
static inline uint64_t vq_desc_size(uint32_t num)
{
	return 16ULL * num;
}

static inline uint64_t vq_avail_size(uint32_t num)
{
	return 6ULL + 2ULL * num;
}

static inline uint64_t vq_used_size(uint32_t num)
{
	return 6ULL + 8ULL * num;
}

/*
 * Take the next available chain into *c: 1 if one was taken, 0 if the
 * ring is empty (or the queue not ready), -EIO if the ring is malformed
 * (the queue is then broken).
 */
int vq_pop(struct virtqueue *vq, struct vq_chain *c);

/* Return chain head to the driver with len bytes written: 0 or -EIO. */
int vq_push(struct virtqueue *vq, uint16_t head, uint32_t len);

/* Whether the driver asked for no interrupt (VRING_AVAIL_F_NO_INTERRUPT). */
bool vq_interrupt_suppressed(struct virtqueue *vq);

/*
 * Copy len bytes at byte offset off of the chain's readable part into buf
 * (vq_chain_read), or from buf into its writable part (vq_chain_write).
 * Returns the bytes copied (less than len at the end of the part), or
 * -EIO (queue broken) if guest memory refused the copy.
 */
long vq_chain_read(struct virtqueue *vq, const struct vq_chain *c, uint64_t off, void *buf,
		   uint64_t len);
long vq_chain_write(struct virtqueue *vq, const struct vq_chain *c, uint64_t off,
		    const void *buf, uint64_t len);

#endif
