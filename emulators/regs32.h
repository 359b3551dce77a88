/*
 * Guest reads of a bank of 32-bit registers (vminfo, simplefb): an
 * emulator supplies the value of the word at a 4-aligned offset, and
 * regs32_read() serves naturally aligned 1-, 2-, 4- and 8-byte reads from
 * it (an 8-byte read is two words, the lower offset in the low half, as
 * little-endian memory).  Unaligned reads are -EINVAL.
 */
#ifndef EMULATORS_REGS32_H
#define EMULATORS_REGS32_H

#include <errno.h>
#include <stdint.h>

typedef int (*regs32_word_fn)(void *priv, uint64_t offset, uint32_t *word);

static inline int regs32_read(void *priv, regs32_word_fn word_fn, uint64_t offset,
			      unsigned int width, uint64_t *val)
{
	uint32_t lo, hi;
	int rc;

	if ((width != 1 && width != 2 && width != 4 && width != 8) || (offset & (width - 1)))
		return -EINVAL;
	rc = word_fn(priv, offset & ~3ULL, &lo);
	if (rc)
		return rc;
	if (width == 8) {
		rc = word_fn(priv, offset + 4, &hi);
		if (rc)
			return rc;
		*val = ((uint64_t)hi << 32) | lo;
		return 0;
	}
	lo >>= 8 * (offset & 3);
	*val = width == 4 ? lo : lo & ((1U << (8 * width)) - 1);
	return 0;
}

#endif
