/*
 * Device side of split virtqueues: placing the rings, taking chains off the
 * available ring (direct and indirect descriptors, every index, address
 * and length checked, chains bounded so a loop cannot hang us), returning
 * them on the used ring, and copying between chains and host buffers.
 * Guest memory is reached only through struct vq_mem_ops; ring fields are
 * little endian and decoded byte by byte.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <vmm/virtqueue.h>

struct vq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

static uint64_t get_le(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

static void put_le(uint8_t *p, uint64_t v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

static int vq_fail(struct virtqueue *vq, const char *why)
{
	vq->broken = true;
	vq->error = why;
	return -EIO;
}

void vq_init(struct virtqueue *vq, const struct vq_mem_ops *mem, void *ctx)
{
	memset(vq, 0, sizeof(*vq));
	vq->mem = mem;
	vq->ctx = ctx;
}

void vq_reset(struct virtqueue *vq)
{
	vq_init(vq, vq->mem, vq->ctx);
}

static bool area_ok(struct virtqueue *vq, uint64_t gpa, uint64_t size, uint64_t align,
		    bool write)
{
	return !(gpa & (align - 1)) && gpa + size > gpa &&
	       vq->mem->range_ok(vq->ctx, gpa, size, write);
}

int vq_setup(struct virtqueue *vq, uint32_t num, uint64_t desc, uint64_t avail, uint64_t used)
{
	vq_reset(vq);
	if (!num || num > VQ_MAX_SIZE || !area_ok(vq, desc, vq_desc_size(num), 16, false) ||
	    !area_ok(vq, avail, vq_avail_size(num), 2, false) ||
	    !area_ok(vq, used, vq_used_size(num), 4, true))
		return -EINVAL;
	vq->num = num;
	vq->desc = desc;
	vq->avail = avail;
	vq->used = used;
	return 0;
}

static int read_le(struct virtqueue *vq, uint64_t gpa, unsigned int n, uint64_t *v)
{
	uint8_t b[8];

	if (vq->mem->read(vq->ctx, gpa, b, n))
		return vq_fail(vq, "ring outside guest RAM");
	*v = get_le(b, n);
	return 0;
}

static int write_le(struct virtqueue *vq, uint64_t gpa, uint64_t v, unsigned int n)
{
	uint8_t b[8];

	put_le(b, v, n);
	if (vq->mem->write(vq->ctx, gpa, b, n))
		return vq_fail(vq, "used ring outside guest RAM");
	return 0;
}

static int read_desc(struct virtqueue *vq, uint64_t table, uint32_t idx, struct vq_desc *d)
{
	uint8_t b[16];

	if (vq->mem->read(vq->ctx, table + 16ULL * idx, b, sizeof(b)))
		return vq_fail(vq, "descriptor outside guest RAM");
	d->addr = get_le(b, 8);
	d->len = (uint32_t)get_le(b + 8, 4);
	d->flags = (uint16_t)get_le(b + 12, 2);
	d->next = (uint16_t)get_le(b + 14, 2);
	return 0;
}

static int add_buf(struct virtqueue *vq, struct vq_chain *c, const struct vq_desc *d)
{
	bool write = d->flags & VRING_DESC_F_WRITE;

	if (!d->len)
		return 0;
	if (d->addr + d->len < d->addr || !vq->mem->range_ok(vq->ctx, d->addr, d->len, write))
		return vq_fail(vq, "buffer outside guest RAM");
	if (!write && c->nbufs > c->nout)
		return vq_fail(vq, "readable buffer after a writable one");
	if (c->nbufs >= VQ_MAX_SEGS)
		return vq_fail(vq, "chain has too many buffers");
	if (write)
		c->in_len += d->len;
	else
		c->out_len += d->len;
	if (c->in_len + c->out_len > UINT32_MAX)
		return vq_fail(vq, "chain longer than 4 GiB");
	c->bufs[c->nbufs].addr = d->addr;
	c->bufs[c->nbufs].len = d->len;
	c->bufs[c->nbufs].write = write;
	c->nbufs++;
	if (!write)
		c->nout = c->nbufs;
	return 0;
}

/* Walk an indirect table of len bytes at addr (one level only). */
static int walk_indirect(struct virtqueue *vq, struct vq_chain *c, const struct vq_desc *ind)
{
	uint32_t n = ind->len / 16, idx = 0, seen = 0;
	struct vq_desc d;
	int rc;

	if (!ind->len || ind->len % 16 || ind->addr & 15 || n > VQ_MAX_SIZE ||
	    !vq->mem->range_ok(vq->ctx, ind->addr, ind->len, false))
		return vq_fail(vq, "bad indirect table");
	for (;;) {
		if (seen++ >= n)
			return vq_fail(vq, "loop in indirect chain");
		rc = read_desc(vq, ind->addr, idx, &d);
		if (rc)
			return rc;
		if (d.flags & VRING_DESC_F_INDIRECT)
			return vq_fail(vq, "nested indirect descriptor");
		rc = add_buf(vq, c, &d);
		if (rc)
			return rc;
		if (!(d.flags & VRING_DESC_F_NEXT))
			return 0;
		if (d.next >= n)
			return vq_fail(vq, "indirect next index out of range");
		idx = d.next;
	}
}

static int walk_chain(struct virtqueue *vq, struct vq_chain *c)
{
	uint32_t idx = c->head, seen = 0;
	struct vq_desc d;
	int rc;

	for (;;) {
		if (seen++ >= vq->num)
			return vq_fail(vq, "loop in descriptor chain");
		rc = read_desc(vq, vq->desc, idx, &d);
		if (rc)
			return rc;
		if (d.flags & VRING_DESC_F_INDIRECT) {
			if (d.flags & VRING_DESC_F_NEXT)
				return vq_fail(vq, "indirect descriptor with next");
			return walk_indirect(vq, c, &d);
		}
		rc = add_buf(vq, c, &d);
		if (rc)
			return rc;
		if (!(d.flags & VRING_DESC_F_NEXT))
			return 0;
		if (d.next >= vq->num)
			return vq_fail(vq, "next index out of range");
		idx = d.next;
	}
}

int vq_pop(struct virtqueue *vq, struct vq_chain *c)
{
	uint64_t avail_idx, head;
	int rc;

	if (!vq_ready(vq))
		return 0;
	rc = read_le(vq, vq->avail + 2, 2, &avail_idx);
	if (rc)
		return rc;
	if ((uint16_t)(avail_idx - vq->last_avail) > vq->num)
		return vq_fail(vq, "available index ran ahead of the ring");
	if ((uint16_t)avail_idx == vq->last_avail)
		return 0;
	/* Read the ring entry only after seeing the index that covers it. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	rc = read_le(vq, vq->avail + 4 + 2ULL * (vq->last_avail % vq->num), 2, &head);
	if (rc)
		return rc;
	if (head >= vq->num)
		return vq_fail(vq, "head index out of range");
	vq->last_avail++;
	memset(c, 0, offsetof(struct vq_chain, bufs));
	c->head = (uint16_t)head;
	rc = walk_chain(vq, c);
	return rc ? rc : 1;
}

int vq_push(struct virtqueue *vq, uint16_t head, uint32_t len)
{
	uint64_t slot = vq->used + 4 + 8ULL * (vq->used_idx % vq->num);
	int rc;

	if (!vq_ready(vq))
		return -EIO;
	rc = write_le(vq, slot, head, 4);
	if (!rc)
		rc = write_le(vq, slot + 4, len, 4);
	if (rc)
		return rc;
	/* The element must be visible before the index that publishes it. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	vq->used_idx++;
	return write_le(vq, vq->used + 2, vq->used_idx, 2);
}

bool vq_interrupt_suppressed(struct virtqueue *vq)
{
	uint64_t flags;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!vq_ready(vq) || read_le(vq, vq->avail, 2, &flags))
		return false;
	return flags & VRING_AVAIL_F_NO_INTERRUPT;
}

/* Copy between the chain's part (readable or writable) and buf. */
static long chain_copy(struct virtqueue *vq, const struct vq_chain *c, uint64_t off, void *buf,
		       uint64_t len, bool to_guest)
{
	unsigned int i = to_guest ? c->nout : 0, end = to_guest ? c->nbufs : c->nout;
	uint64_t done = 0;

	for (; i < end && done < len; i++) {
		const struct vq_buf *b = &c->bufs[i];
		uint64_t n;
		int rc;

		if (off >= b->len) {
			off -= b->len;
			continue;
		}
		n = b->len - off < len - done ? b->len - off : len - done;
		if (to_guest)
			rc = vq->mem->write(vq->ctx, b->addr + off, (char *)buf + done, n);
		else
			rc = vq->mem->read(vq->ctx, b->addr + off, (char *)buf + done, n);
		if (rc)
			return vq_fail(vq, "buffer outside guest RAM");
		done += n;
		off = 0;
	}
	return (long)done;
}

long vq_chain_read(struct virtqueue *vq, const struct vq_chain *c, uint64_t off, void *buf,
		   uint64_t len)
{
	return chain_copy(vq, c, off, buf, len, false);
}

long vq_chain_write(struct virtqueue *vq, const struct vq_chain *c, uint64_t off,
		    const void *buf, uint64_t len)
{
	return chain_copy(vq, c, off, (void *)buf, len, true);
}
