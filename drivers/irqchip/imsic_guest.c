/*
 * Guest interrupt files of the host IMSIC: how many each hart has (the
 * smaller of what the IMSIC node's `riscv,guest-index-bits` leaves room
 * for and the hgeie bits the hart implements), where each one's page is,
 * and which are in use (one bitmap per hart under a lock).  Each hart
 * with an S file starts with hgeie = 0 and the supervisor guest external
 * interrupt (SGEI) enabled, so setting a file's hgeie bit is all it takes
 * to be told that the file has an interrupt for its guest.
 */
#include <errno.h>
#include <stdio.h>
#include <arch/asm.h>
#include <vmm/imsic_guest.h>
#include <vmm/spinlock.h>
#include "aia.h"


static unsigned int guest_files;
static unsigned long used[VMM_MAX_CPUS];
static spinlock_t lock = SPINLOCK_INIT;

void imsic_guest_probe(void)
{
	unsigned long geilen;
	unsigned int n;

	if (!imsic_guest_bits)
		return;
	csr_write(CSR_HGEIE, ~0UL);
	geilen = csr_read(CSR_HGEIE) >> 1;
	csr_write(CSR_HGEIE, 0);
	n = (unsigned int)__builtin_popcountl(geilen);
	if (n > (1U << imsic_guest_bits) - 1)
		n = (1U << imsic_guest_bits) - 1;
	guest_files = n;
	printf("INIT: imsic: %u guest interrupt file(s) per hart\n", n);
}

void imsic_guest_init_cpu(void)
{
	if (!guest_files)
		return;
	csr_write(CSR_HGEIE, 0);
	csr_set(CSR_HIE, 1UL << IRQ_S_GEXT);
}

bool imsic_host_present(void)
{
	return imsic_num_ids() != 0;
}

unsigned int imsic_guest_files(void)
{
	return guest_files;
}

unsigned int imsic_guest_file_ids(void)
{
	return guest_files ? imsic_num_ids() : 0;
}

int imsic_guest_file_alloc(unsigned int cpu_id)
{
	unsigned long flags;
	int file = -ENOSPC;

	if (!guest_files || imsic_hart_index(cpu_id) < 0)
		return -ENODEV;
	spin_lock_irqsave(&lock, flags);
	for (unsigned int f = 1; f <= guest_files; f++)
		if (!(used[cpu_id] & (1UL << f))) {
			used[cpu_id] |= 1UL << f;
			file = (int)f;
			break;
		}
	spin_unlock_irqrestore(&lock, flags);
	return file;
}

void imsic_guest_file_free(unsigned int cpu_id, unsigned int file)
{
	unsigned long flags;

	if (cpu_id >= VMM_MAX_CPUS || !file || file > guest_files)
		return;
	spin_lock_irqsave(&lock, flags);
	used[cpu_id] &= ~(1UL << file);
	spin_unlock_irqrestore(&lock, flags);
}

uint64_t imsic_guest_file_addr(unsigned int cpu_id, unsigned int file)
{
	int idx = imsic_hart_index(cpu_id);

	if (idx < 0 || !file || file > guest_files)
		return 0;
	return imsic_base + ((uint64_t)idx << (12 + imsic_guest_bits)) + ((uint64_t)file << 12);
}
