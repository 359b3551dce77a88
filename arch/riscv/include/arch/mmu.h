/*
 * The host's own address space: every hart runs with the same page table,
 * an identity map (virtual = physical, a direct map at offset 0) of the
 * low physical address space built from 1 GiB leaves.  The paging mode is
 * the widest of Sv57, Sv48 and Sv39 the boot hart accepts.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdint.h>

/* Map [0, limit) and pick the paging mode; returns the satp mode or 0. */
unsigned long mmu_init(uint64_t limit);
void mmu_enable_cpu(void);
const char *mmu_mode_name(void);
uint64_t mmu_mapped_limit(void);

#endif
