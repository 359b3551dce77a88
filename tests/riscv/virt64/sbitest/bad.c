/*
 * The bad guest: announces itself, optionally first reads a CSR that does
 * not exist (the guest must get the illegal-instruction trap itself and
 * says so), then loads from guest-physical memory no region covers, which
 * the hypervisor cannot emulate: it must halt this vCPU with a message
 * and a register dump.  If the load ever returns, that is reported.
 */
#include <stdio.h>

#include "sbitest.h"


void bad_run(bool csr_first)
{
	unsigned long val;

	printf("BADGUEST: start\n");
	if (csr_first) {
		trap_reset();
		read_missing_csr();
		if (trap_log.count == 1 && trap_log.cause == EXC_ILLEGAL_INST)
			printf("BADGUEST: illegal instruction trapped\n");
		else
			printf("BADGUEST: no illegal instruction trap (count %lu cause %lu)\n",
			       trap_log.count, trap_log.cause);
	}
	printf("BADGUEST: loading from 0x%lx\n", UNMAPPED_GPA);
	val = *(volatile unsigned long *)UNMAPPED_GPA;
	printf("BADGUEST: still running, read 0x%lx\n", val);
	for (;;)
		__asm__ volatile("wfi");
}
