/*
 * Building the ISA description of a vCPU for Linux: the classic riscv,isa
 * string in the letter order Xvisor's firmware uses, and the
 * riscv,isa-extensions string list read by newer kernels.  Both come from
 * the bit mask returned by the vendor SBI ISA_EXT query, or describe rv64gc
 * when that extension is missing.  Each multi-letter extension the query
 * reports is listed by its name from <arch/isa_ext_ids.h> (Ssaia, for
 * instance, only for vCPUs backed by an AIA interrupt file).
 */
#include <errno.h>
#include <string.h>

#include "basic_lib.h"

static const char isa_letter_order[] = "iemafdqclbjtpvnhkorwyg";

static const char *const ext_names[ISA_EXT_ID_END] = {
#define ISA_EXT_NAME(id, bit, name) [bit] = (name),
	ISA_EXT_IDS(ISA_EXT_NAME)
#undef ISA_EXT_NAME
};

/* What "rv64gc" stands for when the vendor query is not available. */
#define ISA_GC_BITS	(ISA_EXT_BIT('i') | ISA_EXT_BIT('m') | ISA_EXT_BIT('a') | \
			 ISA_EXT_BIT('f') | ISA_EXT_BIT('d') | ISA_EXT_BIT('c'))

static uint64_t isa_bits(const struct isa_info *isa)
{
	return isa->vendor ? isa->bits : ISA_GC_BITS;
}

/* Append @s (with its NUL when @with_nul) at *@pos; false when it won't fit. */
static bool isa_append(char *buf, size_t size, size_t *pos, const char *s, bool with_nul)
{
	size_t n = strlen(s) + (with_nul ? 1 : 0);

	if (*pos + n + (with_nul ? 0 : 1) > size)
		return false;
	memcpy(buf + *pos, s, n);
	*pos += n;
	if (!with_nul)
		buf[*pos] = '\0';
	return true;
}

int isa_build_string(const struct isa_info *isa, char *buf, size_t size)
{
	char letter[2] = { 0, 0 };
	size_t pos = 0;
	const char *c;
	unsigned int i;

	if (!isa->vendor)
		return isa_append(buf, size, &pos, "rv64gc", false) ? (int)pos : -ENOSPC;
	if (!isa_append(buf, size, &pos, "rv64", false))
		return -ENOSPC;
	for (c = isa_letter_order; *c; c++) {
		if (!(isa->bits & ISA_EXT_BIT(*c)))
			continue;
		letter[0] = *c;
		if (!isa_append(buf, size, &pos, letter, false))
			return -ENOSPC;
	}
	for (i = ISA_EXT_ID_FIRST; i < ISA_EXT_ID_END; i++) {
		if (!(isa->bits & (1ULL << i)) || !ext_names[i])
			continue;
		if (!isa_append(buf, size, &pos, "_", false) ||
		    !isa_append(buf, size, &pos, ext_names[i], false))
			return -ENOSPC;
	}
	return (int)pos;
}

int isa_build_extensions(const struct isa_info *isa, char *buf, size_t size)
{
	static const char *const base_exts[] = { "zicntr", "zicsr", "zifencei" };
	uint64_t bits = isa_bits(isa);
	char letter[2] = { 0, 0 };
	size_t pos = 0, i;
	const char *c;

	for (c = isa_letter_order; *c; c++) {
		/* 'g' is shorthand for imafd_zicsr_zifencei, not an extension. */
		if (*c == 'g' || !(bits & ISA_EXT_BIT(*c)))
			continue;
		letter[0] = *c;
		if (!isa_append(buf, size, &pos, letter, true))
			return -ENOSPC;
	}
	if (bits & ISA_EXT_BIT('i')) {
		for (i = 0; i < sizeof(base_exts) / sizeof(base_exts[0]); i++)
			if (!isa_append(buf, size, &pos, base_exts[i], true))
				return -ENOSPC;
	}
	for (i = ISA_EXT_ID_FIRST; i < ISA_EXT_ID_END; i++)
		if ((bits & (1ULL << i)) && ext_names[i] &&
		    !isa_append(buf, size, &pos, ext_names[i], true))
			return -ENOSPC;
	return (int)pos;
}
