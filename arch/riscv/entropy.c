/*
 * Hardware entropy on RISC-V: the Zkr `seed` CSR (0x015), used only when
 * the host's ISA string lists zkr (M-mode firmware then grants S-mode
 * access through mseccfg.SSEED).  A read returns 16 bits when its OPST
 * field says ES16; BIST and WAIT are retried a bounded number of times,
 * DEAD is an error.
 */
#include <errno.h>
#include <arch/cpu.h>
#include <vmm/entropy.h>

#define SEED_OPST_SHIFT		30
#define SEED_OPST_ES16		2
#define SEED_OPST_DEAD		3
#define SEED_RETRIES		10000

bool arch_entropy_available(void)
{
	return host_cpu_has(ISA_EXT_ZKR);
}

int arch_entropy_read16(uint16_t *out)
{
	if (!arch_entropy_available())
		return -ENODEV;
	for (int i = 0; i < SEED_RETRIES; i++) {
		unsigned long v;

		/* seed must be accessed with a write (csrrw), never csrr. */
		asm volatile("csrrw %0, 0x015, x0" : "=r"(v) : : "memory");
		switch ((v >> SEED_OPST_SHIFT) & 3) {
		case SEED_OPST_ES16:
			*out = (uint16_t)v;
			return 0;
		case SEED_OPST_DEAD:
			return -EIO;
		}
	}
	return -EAGAIN;
}
