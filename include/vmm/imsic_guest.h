/*
 * Guest interrupt files of the host IMSIC (RISC-V AIA).  When the host
 * IMSIC node has `riscv,guest-index-bits` and the harts implement hgeie
 * bits (GEILEN), each hart has guest files 1..imsic_guest_files() next to
 * its S-level file: a file number is also the hart's hgeie/hgeip bit and
 * the hstatus.VGEIN value that connects a guest's AIA CSRs to it.  Files
 * are handed out per hart by a small allocator; the caller owns what it
 * allocated until it frees it.  All calls may run on any hart.
 */
#ifndef VMM_IMSIC_GUEST_H
#define VMM_IMSIC_GUEST_H

#include <stdbool.h>
#include <stdint.h>

/* The host has an S-level IMSIC, so its harts have the AIA CSRs (those
 * of VS-mode included, which trap to the hypervisor without a file). */
bool imsic_host_present(void);
/* Usable guest files per hart (0: no host IMSIC or no guest files). */
unsigned int imsic_guest_files(void);
/* Interrupt identities of each file (riscv,num-ids; 0 without IMSIC). */
unsigned int imsic_guest_file_ids(void);
/* Allocate a free guest file on hart cpu_id: its number (>= 1), or
 * -ENODEV (no guest files on that hart) or -ENOSPC (all in use). */
int imsic_guest_file_alloc(unsigned int cpu_id);
void imsic_guest_file_free(unsigned int cpu_id, unsigned int file);
/* Physical address of the 4 KiB page of a guest file (its seteipnum_le
 * register is at offset 0); 0 when there is no such file. */
uint64_t imsic_guest_file_addr(unsigned int cpu_id, unsigned int file);

#endif
