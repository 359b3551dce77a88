/*
 * Unit tests of the emulated IMSIC interrupt file (emulators/imsic_file.c)
 * through the ops the vCPU layer calls: eidelivery/eithreshold/eip/eie
 * read-modify-writes as the guest's trapped sireg accesses do them, topei
 * and its claim, MSIs, the interrupt level seen by the signal callback,
 * identities beyond num_ids, odd (RV32-only) registers, and the state
 * moves used when a vCPU changes backing.
 */
#include <stdbool.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "../../emulators/imsic_file.h"
#include "unit.h"

#define ALL (~0UL)

static int seip = -1;		/* last VSEIP level signalled, -1: never */
static unsigned int signals;

static void signal(void *ctx, bool level)
{
	CHECK(ctx == &seip);
	seip = level;
	signals++;
}

static unsigned long reg(struct imsic_file *f, unsigned long isel)
{
	unsigned long val = ~0UL;

	CHECK_EQ(imsic_file_ops.csr_rmw(f, false, isel, &val, 0, 0), 0);
	return val;
}

static void wr(struct imsic_file *f, unsigned long isel, unsigned long v)
{
	unsigned long old;

	CHECK_EQ(imsic_file_ops.csr_rmw(f, false, isel, &old, v, ALL), 0);
}

static unsigned long topei(struct imsic_file *f, bool claim)
{
	unsigned long val = ~0UL;

	CHECK_EQ(imsic_file_ops.csr_rmw(f, true, 0, &val, 0, claim ? ALL : 0), 0);
	return val;
}

static struct imsic_file *fresh(unsigned int ids)
{
	seip = -1;
	signals = 0;
	return imsic_file_create(ids, signal, &seip);
}

UNIT_TEST(delivery_and_claim)
{
	struct imsic_file *f = fresh(63);

	imsic_file_ops.send_msi(f, 5);
	CHECK_EQ(reg(f, 0x80), 1UL << 5);
	CHECK_EQ(topei(f, false), 0);			/* not enabled */
	wr(f, 0xc0, (1UL << 5) | (1UL << 9));
	CHECK_EQ(topei(f, false), (5UL << 16) | 5);
	CHECK_EQ(seip, -1);				/* eidelivery still 0 */
	wr(f, 0x70, 1);
	CHECK_EQ(seip, 1);
	imsic_file_ops.send_msi(f, 9);
	CHECK_EQ(signals, 1);				/* level unchanged: no new signal */
	CHECK_EQ(topei(f, true), (5UL << 16) | 5);	/* claims 5 */
	CHECK_EQ(seip, 1);
	CHECK_EQ(topei(f, true), (9UL << 16) | 9);
	CHECK_EQ(seip, 0);
	CHECK_EQ(topei(f, true), 0);
	CHECK_EQ(reg(f, 0x80), 0);
	imsic_file_destroy(f);
}

UNIT_TEST(threshold_and_bounds)
{
	struct imsic_file *f = fresh(63);
	unsigned long old;

	wr(f, 0x70, 1);
	wr(f, 0xc0, ALL);
	CHECK_EQ(reg(f, 0xc0), ALL & ~1UL);		/* identity 0 does not exist */
	wr(f, 0x72, 8);
	imsic_file_ops.send_msi(f, 8);
	CHECK_EQ(topei(f, false), 0);
	CHECK_EQ(seip, -1);
	wr(f, 0x72, 9);
	CHECK_EQ(topei(f, false), (8UL << 16) | 8);
	CHECK_EQ(seip, 1);
	wr(f, 0x70, 0);
	CHECK_EQ(seip, 0);
	imsic_file_ops.send_msi(f, 64);			/* beyond num_ids */
	imsic_file_ops.send_msi(f, 0);
	CHECK_EQ(reg(f, 0x82), 0);
	wr(f, 0xc2, ALL);
	CHECK_EQ(reg(f, 0xc2), 0);
	CHECK_EQ(imsic_file_ops.csr_rmw(f, false, 0x81, &old, 0, 0), -EINVAL);
	CHECK_EQ(imsic_file_ops.csr_rmw(f, false, 0x71, &old, 0, 0), -EINVAL);
	CHECK_EQ(imsic_file_ops.csr_rmw(f, false, 0x100, &old, 0, 0), -EINVAL);
	CHECK_EQ(reg(f, 0x30), 0);			/* iprio: reads 0 */
	imsic_file_destroy(f);
}

UNIT_TEST(set_and_clear_bits)
{
	struct imsic_file *f = fresh(127);
	unsigned long old;

	CHECK_EQ(imsic_file_ops.csr_rmw(f, false, 0xc2, &old, ALL, 0x5), 0);	/* csrs */
	CHECK_EQ(reg(f, 0xc2), 0x5);
	CHECK_EQ(imsic_file_ops.csr_rmw(f, false, 0xc2, &old, 0, 0x1), 0);	/* csrc */
	CHECK_EQ(old, 0x5);
	CHECK_EQ(reg(f, 0xc2), 0x4);
	imsic_file_ops.send_msi(f, 66);
	wr(f, 0x70, 1);
	CHECK_EQ(topei(f, false), (66UL << 16) | 66);
	CHECK_EQ(seip, 1);
	imsic_file_destroy(f);
}

UNIT_TEST(state_moves)
{
	struct imsic_file *f = fresh(63);
	struct imsic_state s;

	wr(f, 0x70, 1);
	wr(f, 0xc0, 1UL << 3);
	imsic_file_ops.send_msi(f, 3);
	CHECK_EQ(seip, 1);
	imsic_file_ops.take_state(f, &s);
	CHECK_EQ(seip, 0);
	CHECK_EQ(s.eidelivery, 1);
	CHECK_EQ(s.eip[0], 1UL << 3);
	CHECK_EQ(s.eie[0], 1UL << 3);
	CHECK_EQ(reg(f, 0x70), 0);
	CHECK_EQ(reg(f, 0x80), 0);
	imsic_file_ops.send_msi(f, 7);			/* arrived meanwhile: kept */
	s.eip[0] |= 1UL << 0 | 1UL << 63 | 1ULL << 40;	/* 0 and 63 valid? 0 never */
	s.eip[1] = ALL;					/* beyond num_ids: dropped */
	imsic_file_ops.give_state(f, &s);
	CHECK_EQ(reg(f, 0x80), (1UL << 3) | (1UL << 7) | (1UL << 63) | (1UL << 40));
	CHECK_EQ(reg(f, 0x82), 0);
	CHECK_EQ(seip, 1);
	CHECK_EQ(topei(f, false), (3UL << 16) | 3);
	imsic_file_destroy(f);
}

UNIT_TEST(create_limits)
{
	CHECK(imsic_file_create(0, signal, NULL) == NULL);
	CHECK(imsic_file_create(IMSIC_MAX_IDS + 1, signal, NULL) == NULL);
}

UNIT_MAIN();
