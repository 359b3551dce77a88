/*
 * Contract between the two RISC-V AIA host drivers (private to
 * drivers/irqchip).  The APLIC driver owns the irq chip: it routes wired
 * sources, directly to a hart (aia=aplic) or as MSIs into the hart's IMSIC
 * interrupt file (aia=aplic-imsic).  The IMSIC driver owns the per-hart
 * S-level interrupt files, reached through the hart's own CSRs.  In MSI
 * mode, source N is forwarded as identity N.
 */
#ifndef DRIVERS_IRQCHIP_AIA_H
#define DRIVERS_IRQCHIP_AIA_H

#include <vmm/smp.h>

/*
 * Read a node's `interrupts-extended` (cpu interrupt controller, local
 * interrupt pairs): idx[cpu id] becomes the position of that hart in the
 * list (-1 for harts not listed).  Returns the local interrupt the node
 * signals (9 = S external, 11 = M external), or a negative errno when the
 * property is missing or mixes privilege levels.
 */
int aia_hart_indexes(const void *fdt, int node, int idx[VMM_MAX_CPUS]);

/* Whether an `riscv,imsics` node is made of S-level interrupt files. */
bool imsic_is_s_level(const void *fdt, int node);
/* Set up the S-level IMSIC from its node; later calls return 0 at once. */
int imsic_setup(const void *fdt, int node);
/* Number of interrupt identities of each file (0 before set-up). */
unsigned int imsic_num_ids(void);
/* Index of a hart's interrupt file (its MSI target index), or -1. */
int imsic_hart_index(unsigned int cpu_id);
/* On this hart: deliver identities 1..max_id, no threshold, SEIE on. */
void imsic_init_cpu(unsigned int max_id);
/* On this hart: claim the highest pending identity (0 when none). */
unsigned int imsic_claim(void);
/*
 * Inter-processor interrupts through the IMSIC: the highest identity is
 * kept for them (devices use 1..imsic_num_ids() - 1).  imsic_send_ipi()
 * sets it pending in the target hart's S file; the hart's claim loop hands
 * it to imsic_ipi_received().
 */
unsigned int imsic_ipi_id(void);
void imsic_send_ipi(struct vmm_cpu *cpu);
void imsic_ipi_received(void);

/*
 * Guest interrupt files (imsic_guest.c, API in vmm/imsic_guest.h).  The
 * S file of the hart with index i is at imsic_base + (i << (12 +
 * imsic_guest_bits)) and its guest file g at + g * 4 KiB.
 */
extern uint64_t imsic_base;
extern unsigned int imsic_guest_bits;
/* On the boot hart, after imsic_setup() has read the node: count files. */
void imsic_guest_probe(void);
/* On each hart with an S file: no guest file signals yet, SGEI enabled. */
void imsic_guest_init_cpu(void);

#endif
