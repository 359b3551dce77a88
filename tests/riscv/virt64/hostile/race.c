/*
 * The hart_start race (`race <rounds>`, 3 vCPUs): each round, hart 0 and
 * hart 1 start the stopped hart 2 at the same moment; exactly one start
 * may succeed (the other gets ALREADY_AVAILABLE).  Hart 2 stops itself
 * once hart 0 has seen both answers.  Prints how many rounds had one, two or no successful starts.
 */
#include <stdio.h>

#include "hostile.h"

#define RACER		1
#define TARGET		2
#define HSM_STOPPED	1
#define STACK_SIZE	4096

void secondary_entry(unsigned long hartid, unsigned long stack_top);
void race_secondary(unsigned long hartid);

static uint8_t stacks[3][STACK_SIZE] __attribute__((aligned(16)));
static volatile unsigned long round_no, racer_done, racer_rounds, released;
static volatile long racer_err;

static unsigned long stack_top(unsigned int hart)
{
	return (unsigned long)stacks[hart] + STACK_SIZE;
}

static long start_target(void)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, TARGET,
			(unsigned long)secondary_entry, stack_top(TARGET), 0).error;
}

void race_secondary(unsigned long hartid)
{
	if (hartid == TARGET) {
		/* Stay started until both starts of this round returned. */
		unsigned long r = round_no;

		while (released < r)
			;
	} else if (hartid == RACER) {
		for (unsigned long r = 1; r <= racer_rounds; r++) {
			while (round_no < r)
				;
			racer_err = start_target();
			__atomic_store_n(&racer_done, r, __ATOMIC_RELEASE);
		}
	}
	sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, 0);
}

static void wait_stopped(unsigned long hart)
{
	while (sbi_call(SBI_EXT_HSM, SBI_HSM_GET_STATUS, hart, 0, 0, 0).value != HSM_STOPPED)
		;
}

void race_run(unsigned long rounds)
{
	unsigned long wins[3] = { 0 }, r;
	long err;

	racer_rounds = rounds;
	round_no = 0;
	racer_done = 0;
	released = 0;
	if (sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, RACER, (unsigned long)secondary_entry,
		     stack_top(RACER), 0).error) {
		printf("RACE: cannot start hart %d\n", RACER);
		return;
	}
	for (r = 1; r <= rounds; r++) {
		wait_stopped(TARGET);
		__atomic_store_n(&round_no, r, __ATOMIC_RELEASE);
		err = start_target();
		while (__atomic_load_n(&racer_done, __ATOMIC_ACQUIRE) < r)
			;
		wins[(err == SBI_SUCCESS) + (racer_err == SBI_SUCCESS)]++;
		__atomic_store_n(&released, r, __ATOMIC_RELEASE);
	}
	wait_stopped(TARGET);
	wait_stopped(RACER);
	printf("RACE: %lu rounds, one start %lu, two starts %lu, none %lu\n", rounds, wins[1],
	       wins[2], wins[0]);
}
