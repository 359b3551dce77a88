/*
 * The SBI hart-mask convention shared by IPI, RFENCE and their legacy
 * forms: a bit mask of hart ids relative to a base, with base -1 meaning
 * every hart.  Pure logic over hart ids (no vCPU access), so that it is
 * unit tested on the host; sbi_server.c maps the ids onto vCPUs.
 */
#include <errno.h>
#include <limits.h>
#include "sbi_priv.h"

#define MASK_BITS	(sizeof(unsigned long) * CHAR_BIT)

static bool mask_valid(unsigned long mask, unsigned long base, unsigned long nharts)
{
	for (unsigned int bit = 0; bit < MASK_BITS; bit++) {
		if (!((mask >> bit) & 1))
			continue;
		if (base > ULONG_MAX - bit || base + bit >= nharts)
			return false;
	}
	return true;
}

int sbi_hartmask_for_each(unsigned long mask, unsigned long base, unsigned long nharts,
			  void (*fn)(unsigned long hartid, void *arg), void *arg)
{
	if (base == SBI_HARTMASK_ALL) {
		for (unsigned long id = 0; id < nharts; id++)
			fn(id, arg);
		return 0;
	}
	if (!mask_valid(mask, base, nharts))
		return -EINVAL;
	for (unsigned int bit = 0; bit < MASK_BITS; bit++)
		if ((mask >> bit) & 1)
			fn(base + bit, arg);
	return 0;
}
