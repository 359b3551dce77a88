/*
 * The hostile test guest (VS-mode, bare metal): one image, three roles
 * chosen by the command it runs.  `tick` is the well-behaved neighbour: it
 * takes an SBI timer interrupt every millisecond and prints its tick count.
 * `attack` mounts the accesses a device answers with a bus error (AMOs,
 * LR, misaligned and too-wide accesses on every emulated region, stores
 * and AMOs to ROM) and checks each fault it receives; `fetch` and `far`
 * jump to and load from guest-physical addresses nothing backs (the
 * hypervisor halts the vCPU).  `random <seed> <steps>` is the random
 * guest; `tlb` checks the VS-stage TLB across a migration (tlb.c);
 * `race <rounds>` races two SBI hart_starts of one hart (race.c).  The console, SBI calls and check lines come from the SBI test
 * guest (../sbitest); the trap entry from ../common.
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include "sbitest.h"

#define CSR_SENVCFG		0x10a
#define SENVCFG_FIOM		1UL
#define EXC_INST_ACCESS		1
#define EXC_LOAD_ACCESS		5
#define EXC_STORE_ACCESS	7
#define EXC_VIRTUAL_INST	22

/* The emulated regions of sbitest.dts and its ROM. */
#define PLIC_BASE		0x0c000000UL
#define VMINFO_BASE		0x10001000UL
#define NOR_BASE		0x00000000UL
#define NOR_SIZE		0x00100000UL
#define RAM_BASE		0x80000000UL
/* Beyond every G-stage width (Sv57x4 covers 59 bits). */
#define TIMEBASE_HZ		10000000UL	/* QEMU virt */
#define FAR_GPA			(1UL << 62)

/* trap.c: what the guest's trap handler saw. */
struct fault_log {
	unsigned long count;	/* exceptions since fault_reset() */
	unsigned long cause, tval, epc;
	unsigned long irqs;	/* interrupts, ever */
	unsigned long ticks;	/* timer interrupts while ticking */
};
extern volatile struct fault_log fault_log;
void fault_reset(void);
/* Rearm the SBI timer every period ticks from the handler (0: never). */
void tick_start(uint64_t period);

void attack_run(void);
void random_run(uint64_t seed, unsigned long steps);
void tlb_run(void);
void race_run(unsigned long rounds);

#endif
