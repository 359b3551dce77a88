/*
 * Page-table entry bits of the RISC-V privileged spec, shared by the
 * hypervisor's own page tables (mmu.c), the G-stage (gstage.c) and the
 * nested guests' shadow G-stage (nested/nested_shadow.c).
 */
#ifndef ARCH_PTE_H
#define ARCH_PTE_H

#define PTE_V	(1UL << 0)
#define PTE_R	(1UL << 1)
#define PTE_W	(1UL << 2)
#define PTE_X	(1UL << 3)
#define PTE_U	(1UL << 4)
#define PTE_G	(1UL << 5)
#define PTE_A	(1UL << 6)
#define PTE_D	(1UL << 7)
#define PTE_LEAF (PTE_R | PTE_W | PTE_X)

#endif
