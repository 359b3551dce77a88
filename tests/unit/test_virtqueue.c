/*
 * Unit tests of the device side of split virtqueues over a fake guest
 * memory: ring placement checks, chains of direct and indirect
 * descriptors, copies in and out of chains, the used ring, index
 * wrap-around, interrupt suppression, and hostile rings (loops, indexes
 * out of range, buffers outside RAM or writable buffers in ROM, huge and
 * overflowing lengths, an available index running ahead, bad indirect
 * tables), each of which must break the queue without touching anything
 * outside the fake memory.
 */
#include <stdlib.h>
#include "unit.h"
#include "vq_fake_mem.h"

#define NUM	8
#define DESC	(FAKE_RAM_BASE)
#define AVAIL	(FAKE_RAM_BASE + 0x100)
#define USED	(FAKE_RAM_BASE + 0x200)
#define DATA	(FAKE_RAM_BASE + 0x1000)
#define TABLE	(FAKE_RAM_BASE + 0x8000)

static struct virtqueue vq;
static struct vq_chain chain;
static uint16_t avail_idx;

static void fresh_queue(void)
{
	memset(fake_ram, 0, sizeof(fake_ram));
	avail_idx = 0;
	vq_init(&vq, &fake_mem_ops, NULL);
	CHECK_EQ(vq_setup(&vq, NUM, DESC, AVAIL, USED), 0);
}

static void offer(uint16_t head)
{
	fake_put(AVAIL + 4 + 2 * (avail_idx % NUM), head, 2);
	avail_idx++;
	fake_put(AVAIL + 2, avail_idx, 2);
}

static void expect_broken(void)
{
	CHECK_EQ(vq_pop(&vq, &chain), -EIO);
	CHECK(vq.broken);
	CHECK(vq.error != NULL);
	CHECK_EQ(vq_pop(&vq, &chain), 0);
	CHECK_EQ(vq_push(&vq, 0, 0), -EIO);
}

UNIT_TEST(setup_checks_areas)
{
	vq_init(&vq, &fake_mem_ops, NULL);
	CHECK_EQ(vq_setup(&vq, 0, DESC, AVAIL, USED), -EINVAL);
	CHECK_EQ(vq_setup(&vq, VQ_MAX_SIZE + 1, DESC, AVAIL, USED), -EINVAL);
	CHECK_EQ(vq_setup(&vq, NUM, DESC + 8, AVAIL, USED), -EINVAL);
	CHECK_EQ(vq_setup(&vq, NUM, DESC, AVAIL + 1, USED), -EINVAL);
	CHECK_EQ(vq_setup(&vq, NUM, DESC, AVAIL, USED + 2), -EINVAL);
	CHECK_EQ(vq_setup(&vq, NUM, 0x40000000, AVAIL, USED), -EINVAL);
	CHECK_EQ(vq_setup(&vq, NUM, DESC, AVAIL, FAKE_ROM_BASE), -EINVAL);
	CHECK_EQ(vq_setup(&vq, NUM, DESC, AVAIL, FAKE_RAM_BASE + FAKE_RAM_SIZE - 8), -EINVAL);
	CHECK_EQ(vq_setup(&vq, NUM, ~0ULL - 15, AVAIL, USED), -EINVAL);
	CHECK(!vq_ready(&vq));
	/* Rings the device only reads may sit in ROM. */
	CHECK_EQ(vq_setup(&vq, NUM, FAKE_ROM_BASE, FAKE_ROM_BASE + 0x100, USED), 0);
	CHECK(vq_ready(&vq));
}

UNIT_TEST(empty_ring)
{
	fresh_queue();
	CHECK_EQ(vq_pop(&vq, &chain), 0);
	vq_reset(&vq);
	CHECK(!vq_ready(&vq));
	CHECK_EQ(vq_pop(&vq, &chain), 0);
}

UNIT_TEST(direct_chain_and_used_ring)
{
	char buf[16];

	fresh_queue();
	memcpy(fake_ram + 0x1000, "hello", 5);
	memcpy(fake_ram + 0x1100, " world", 6);
	fake_desc(DESC, 3, DATA, 5, VRING_DESC_F_NEXT, 5);
	fake_desc(DESC, 5, DATA + 0x100, 6, VRING_DESC_F_NEXT, 1);
	fake_desc(DESC, 1, DATA + 0x200, 4, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 2);
	fake_desc(DESC, 2, DATA + 0x300, 4, VRING_DESC_F_WRITE, 0);
	offer(3);
	CHECK_EQ(vq_pop(&vq, &chain), 1);
	CHECK_EQ(chain.head, 3);
	CHECK_EQ(chain.nbufs, 4);
	CHECK_EQ(chain.nout, 2);
	CHECK_EQ(chain.out_len, 11);
	CHECK_EQ(chain.in_len, 8);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(vq_chain_read(&vq, &chain, 0, buf, sizeof(buf)), 11);
	CHECK_STR(buf, "hello world");
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(vq_chain_read(&vq, &chain, 3, buf, 4), 4);
	CHECK_STR(buf, "lo w");
	CHECK_EQ(vq_chain_write(&vq, &chain, 2, "ABCDEFGH", 8), 6);
	CHECK(!memcmp(fake_ram + 0x1200, "\0\0AB", 4));
	CHECK(!memcmp(fake_ram + 0x1300, "CDEF", 4));
	CHECK_EQ(vq_pop(&vq, &chain), 0);
	CHECK_EQ(vq_push(&vq, 3, 6), 0);
	CHECK_EQ(fake_get(USED + 2, 2), 1);
	CHECK_EQ(fake_get(USED + 4, 4), 3);
	CHECK_EQ(fake_get(USED + 8, 4), 6);
}

UNIT_TEST(indirect_chain)
{
	char buf[8] = { 0 };

	fresh_queue();
	memcpy(fake_ram + 0x1000, "abc", 3);
	fake_desc(TABLE, 0, DATA, 3, VRING_DESC_F_NEXT, 2);
	fake_desc(TABLE, 2, DATA + 0x100, 1, VRING_DESC_F_WRITE, 0);
	fake_desc(DESC, 0, TABLE, 48, VRING_DESC_F_INDIRECT, 0);
	offer(0);
	CHECK_EQ(vq_pop(&vq, &chain), 1);
	CHECK_EQ(chain.nbufs, 2);
	CHECK_EQ(chain.out_len, 3);
	CHECK_EQ(chain.in_len, 1);
	CHECK_EQ(vq_chain_read(&vq, &chain, 0, buf, sizeof(buf)), 3);
	CHECK_STR(buf, "abc");
}

UNIT_TEST(indexes_wrap_around)
{
	fresh_queue();
	vq.last_avail = 0xfffe;
	vq.used_idx = 0xffff;
	avail_idx = 0xfffe;
	fake_desc(DESC, 0, DATA, 4, 0, 0);
	fake_desc(DESC, 1, DATA, 4, 0, 0);
	offer(0);
	offer(1);
	CHECK_EQ(avail_idx, 0);
	CHECK_EQ(vq_pop(&vq, &chain), 1);
	CHECK_EQ(chain.head, 0);
	CHECK_EQ(vq_pop(&vq, &chain), 1);
	CHECK_EQ(chain.head, 1);
	CHECK_EQ(vq_pop(&vq, &chain), 0);
	CHECK_EQ(vq_push(&vq, 1, 0), 0);
	CHECK_EQ(fake_get(USED + 2, 2), 0);
	CHECK_EQ(fake_get(USED + 4 + 8 * 7, 4), 1);
}

UNIT_TEST(interrupt_suppression)
{
	fresh_queue();
	CHECK(!vq_interrupt_suppressed(&vq));
	fake_put(AVAIL, VRING_AVAIL_F_NO_INTERRUPT, 2);
	CHECK(vq_interrupt_suppressed(&vq));
}

UNIT_TEST(hostile_loop)
{
	fresh_queue();
	fake_desc(DESC, 0, DATA, 1, VRING_DESC_F_NEXT, 1);
	fake_desc(DESC, 1, DATA, 1, VRING_DESC_F_NEXT, 0);
	offer(0);
	expect_broken();
	/* A self loop too. */
	fresh_queue();
	fake_desc(DESC, 4, DATA, 0, VRING_DESC_F_NEXT, 4);
	offer(4);
	expect_broken();
}

UNIT_TEST(hostile_indexes)
{
	fresh_queue();
	offer(NUM);
	expect_broken();
	fresh_queue();
	fake_desc(DESC, 0, DATA, 1, VRING_DESC_F_NEXT, NUM);
	offer(0);
	expect_broken();
	fresh_queue();
	fake_put(AVAIL + 2, NUM + 1, 2);
	expect_broken();
	fresh_queue();
	fake_put(AVAIL + 2, 0xffff, 2);
	expect_broken();
}

UNIT_TEST(hostile_addresses)
{
	static const uint64_t bad[][2] = {
		{ 0, 16 },				/* nothing there */
		{ FAKE_RAM_BASE + FAKE_RAM_SIZE - 4, 8 },	/* runs off the end */
		{ FAKE_RAM_BASE, 0xffffffff },		/* huge */
		{ ~0ULL - 2, 8 },			/* wraps around */
		{ FAKE_ROM_BASE + FAKE_ROM_SIZE - 1, 2 },	/* off the end of ROM */
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fresh_queue();
		fake_desc(DESC, 0, bad[i][0], (uint32_t)bad[i][1], 0, 0);
		offer(0);
		expect_broken();
	}
	/* ROM may be read by the device but never written. */
	fresh_queue();
	fake_desc(DESC, 0, FAKE_ROM_BASE, 16, 0, 0);
	offer(0);
	CHECK_EQ(vq_pop(&vq, &chain), 1);
	fake_desc(DESC, 0, FAKE_ROM_BASE, 16, VRING_DESC_F_WRITE, 0);
	offer(0);
	expect_broken();
}

UNIT_TEST(hostile_order_and_size)
{
	fresh_queue();
	fake_desc(DESC, 0, DATA, 1, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
	fake_desc(DESC, 1, DATA, 1, 0, 0);
	offer(0);
	expect_broken();
	/* Too many buffers, through a large indirect table. */
	fresh_queue();
	for (unsigned int i = 0; i <= VQ_MAX_SEGS; i++)
		fake_desc(TABLE, i, DATA, 1, i < VQ_MAX_SEGS ? VRING_DESC_F_NEXT : 0, i + 1);
	fake_desc(DESC, 0, TABLE, 16 * (VQ_MAX_SEGS + 1), VRING_DESC_F_INDIRECT, 0);
	offer(0);
	expect_broken();
	/* More than 4 GiB in total, each buffer in range on its own. */
	fresh_queue();
	fake_desc(DESC, 0, FAKE_HUGE_BASE, 0xa0000000, VRING_DESC_F_NEXT, 1);
	fake_desc(DESC, 1, FAKE_HUGE_BASE, 0xa0000000, 0, 0);
	offer(0);
	expect_broken();
}

UNIT_TEST(copy_failure_breaks_queue)
{
	char buf[4];

	fresh_queue();
	fake_desc(DESC, 0, FAKE_HUGE_BASE, 4, VRING_DESC_F_WRITE, 0);
	offer(0);
	CHECK_EQ(vq_pop(&vq, &chain), 1);
	CHECK_EQ(vq_chain_read(&vq, &chain, 0, buf, 4), 0);
	CHECK(!vq.broken);
	CHECK_EQ(vq_chain_write(&vq, &chain, 0, "abcd", 4), -EIO);
	CHECK(vq.broken);
}

UNIT_TEST(hostile_indirect)
{
	static const struct {
		uint64_t addr;
		uint32_t len;
		uint16_t flags;
	} bad[] = {
		{ TABLE, 0, VRING_DESC_F_INDIRECT },
		{ TABLE, 20, VRING_DESC_F_INDIRECT },
		{ TABLE + 8, 32, VRING_DESC_F_INDIRECT },
		{ 0x40000000, 32, VRING_DESC_F_INDIRECT },
		{ TABLE, 32, VRING_DESC_F_INDIRECT | VRING_DESC_F_NEXT },
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fresh_queue();
		fake_desc(TABLE, 0, DATA, 1, 0, 0);
		fake_desc(DESC, 0, bad[i].addr, bad[i].len, bad[i].flags, 1);
		offer(0);
		expect_broken();
	}
	/* Nested, looping and out-of-range entries inside the table. */
	fresh_queue();
	fake_desc(TABLE, 0, TABLE, 16, VRING_DESC_F_INDIRECT, 0);
	fake_desc(DESC, 0, TABLE, 16, VRING_DESC_F_INDIRECT, 0);
	offer(0);
	expect_broken();
	fresh_queue();
	fake_desc(TABLE, 0, DATA, 1, VRING_DESC_F_NEXT, 1);
	fake_desc(TABLE, 1, DATA, 1, VRING_DESC_F_NEXT, 0);
	fake_desc(DESC, 0, TABLE, 32, VRING_DESC_F_INDIRECT, 0);
	offer(0);
	expect_broken();
	fresh_queue();
	fake_desc(TABLE, 0, DATA, 1, VRING_DESC_F_NEXT, 2);
	fake_desc(DESC, 0, TABLE, 32, VRING_DESC_F_INDIRECT, 0);
	offer(0);
	expect_broken();
}

UNIT_TEST(setup_clears_broken)
{
	fresh_queue();
	offer(NUM);
	expect_broken();
	CHECK_EQ(vq_setup(&vq, NUM, DESC, AVAIL, USED), 0);
	CHECK(!vq.broken);
	CHECK_EQ(vq.last_avail, 0);
}

UNIT_MAIN();
