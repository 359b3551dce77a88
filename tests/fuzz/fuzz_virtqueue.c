/*
 * libFuzzer target over the device side of split virtqueues: the input is
 * a queue size (first 2 bytes), then the contents of the fake guest RAM
 * (descriptors, available ring, indirect tables, all attacker-chosen).
 * The queue (at most 16 entries, rings at the start of RAM, which is at
 * guest address 0) is served like a device would: every chain popped is
 * read, written and returned, up to a bounded number of pops.  Invariants: no
 * out-of-bounds access (ASan), every buffer reported lies in guest memory
 * and is bounded, a broken queue stays inert, and serving terminates.
 */
#include <stdlib.h>

/* RAM at 0 so that small descriptor addresses in the input are valid. */
#define FAKE_RAM_BASE	0x0ULL
#define FAKE_ROM_BASE	0x20000ULL
#include "vq_fake_mem.h"

#define QUEUE_MAX	16
#define DESC	(FAKE_RAM_BASE)
#define AVAIL	(FAKE_RAM_BASE + 0x100)
#define USED	(FAKE_RAM_BASE + 0x8000)

static struct vq_chain chain;
static uint8_t buf[8192];

static void check(int cond)
{
	if (!cond)
		abort();
}

static void check_chain(const struct vq_chain *c, uint32_t num)
{
	check(c->head < num);
	check(c->nbufs <= VQ_MAX_SEGS && c->nout <= c->nbufs);
	check(c->in_len + c->out_len <= UINT32_MAX);
	for (unsigned int i = 0; i < c->nbufs; i++) {
		check(fake_range_ok(NULL, c->bufs[i].addr, c->bufs[i].len, c->bufs[i].write));
		check(c->bufs[i].write == (i >= c->nout));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct virtqueue vq;
	uint32_t num;

	if (size < 2)
		return 0;
	num = (uint32_t)(data[0] | data[1] << 8) % QUEUE_MAX + 1;
	memset(fake_ram, 0, sizeof(fake_ram));
	memcpy(fake_ram, data + 2, size - 2 < sizeof(fake_ram) ? size - 2 : sizeof(fake_ram));
	vq_init(&vq, &fake_mem_ops, NULL);
	check(vq_setup(&vq, num, DESC, AVAIL, USED) == 0);
	for (unsigned int i = 0; i < 2 * num + 2; i++) {
		int rc = vq_pop(&vq, &chain);

		if (rc <= 0) {
			check(rc == 0 || (vq.broken && vq.error));
			break;
		}
		check_chain(&chain, num);
		check(vq_chain_read(&vq, &chain, 0, buf, sizeof(buf)) >= 0 || vq.broken);
		check(vq_chain_write(&vq, &chain, 1, buf, sizeof(buf)) >= 0 || vq.broken);
		vq_push(&vq, chain.head, (uint32_t)chain.in_len);
	}
	if (vq.broken)
		check(vq_pop(&vq, &chain) == 0);
	vq_interrupt_suppressed(&vq);
	return 0;
}
