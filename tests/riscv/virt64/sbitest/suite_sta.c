/*
 * STA (steal-time accounting).  In the suite: set_shmem argument checks
 * (flags, alignment, an address beyond 64 bits, outside RAM, in ROM), a
 * registration that zeroes the record, and the all-ones disable.  The
 * `sta` command shows the effect when this guest's two vCPUs share one
 * host hart: while the secondary spins, this hart's steal time grows (and
 * never past the time that passed); once disabled, the record stays put.
 */
#include <stdio.h>
#include <string.h>

#include "sbitest.h"

#define NOR_BASE	0x0UL

struct sta_record {
	volatile uint32_t sequence, flags;
	volatile uint64_t steal;
	volatile uint8_t preempted, pad[47];
} __attribute__((aligned(64)));

static struct sta_record rec;

static struct sbiret sta_set(unsigned long lo, unsigned long hi, unsigned long flags)
{
	return sbi_call(SBI_EXT_STA, 0, lo, hi, flags, 0);
}

/* steal, read as the spec says: retry while the sequence is odd or moved. */
static uint64_t sta_steal(void)
{
	uint32_t seq;
	uint64_t steal;

	do {
		seq = rec.sequence;
		__asm__ volatile("fence r, r" : : : "memory");
		steal = rec.steal;
		__asm__ volatile("fence r, r" : : : "memory");
	} while ((seq & 1) || seq != rec.sequence);
	return steal;
}

static bool record_zero_but_steal(void)
{
	for (unsigned int i = 0; i < sizeof(rec.pad); i++)
		if (rec.pad[i])
			return false;
	return !(rec.sequence & 1) && !rec.flags && !rec.preempted;
}

void suite_sta(void)
{
	unsigned long a = (unsigned long)&rec;

	check_err("sta.set_shmem.flags", sta_set(a, 0, 1), SBI_ERR_INVALID_PARAM);
	check_err("sta.set_shmem.misaligned", sta_set(a + 8, 0, 0), SBI_ERR_INVALID_PARAM);
	check_err("sta.set_shmem.hi", sta_set(a, 1, 0), SBI_ERR_INVALID_ADDRESS);
	check_err("sta.set_shmem.unmapped", sta_set(UNMAPPED_GPA, 0, 0), SBI_ERR_INVALID_ADDRESS);
	check_err("sta.set_shmem.rom", sta_set(NOR_BASE, 0, 0), SBI_ERR_INVALID_ADDRESS);
	memset((void *)&rec, 0xff, sizeof(rec));
	check_err("sta.set_shmem", sta_set(a, 0, 0), SBI_SUCCESS);
	check_eq("sta.set_shmem.zeroed", record_zero_but_steal(), true);
	check_err("sta.set_shmem.disable", sta_set(~0UL, ~0UL, 0), SBI_SUCCESS);
	check_err("sta.unknown_fid", sbi_call(SBI_EXT_STA, 1, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
}

/* Spin for ticks of guest time while the secondary hart spins too. */
static void compete(uint64_t ticks)
{
	uint64_t end;

	sec_start("sta.secondary", 1);
	end = time_now() + ticks;
	while (time_now() < end)
		;
	sec_stop("sta.secondary.stop", 1);
}

void sta_run(void)
{
	uint64_t hz = timebase_hz(), t0, elapsed_ns, s0, s1, s2;

	check_err("sta.set_shmem", sta_set((unsigned long)&rec, 0, 0), SBI_SUCCESS);
	s0 = sta_steal();
	t0 = time_now();
	compete(hz / 5);
	s1 = sta_steal();
	elapsed_ns = (time_now() - t0) * 1000000000ULL / hz;
	printf("STA: steal %lu ns while %lu ns passed\n", (unsigned long)(s1 - s0),
	       (unsigned long)elapsed_ns);
	check_eq("sta.steal_moved", s1 > s0, true);
	check_eq("sta.steal_not_above_elapsed", s1 - s0 <= elapsed_ns, true);
	check_err("sta.disable", sta_set(~0UL, ~0UL, 0), SBI_SUCCESS);
	compete(hz / 10);
	s2 = sta_steal();
	check_eq("sta.disabled_record_unchanged", (long)(s2 - s1), 0);
	check_summary();
}
