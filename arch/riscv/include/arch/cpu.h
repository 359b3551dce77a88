/*
 * RISC-V ISA features of the host harts and of vCPUs, as a 64-bit set.
 * Bits 0-25 are the single-letter extensions (letter - 'a'); the next
 * bits number the multi-letter extensions we care about, in the same
 * order as the Xvisor vendor SBI ISA_EXT query (26 Ssaia, 27 Smaia,
 * 28 Sstc, 29 Smstateen), so a guest query maps straight onto this set.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define ISA_EXT_LETTER(c)	((c) - 'a')
#define ISA_EXT_SSAIA		26
#define ISA_EXT_SMAIA		27
#define ISA_EXT_SSTC		28
#define ISA_EXT_SMSTATEEN	29
#define ISA_EXT_SVPBMT		30
#define ISA_EXT_SVNAPOT		31
#define ISA_EXT_ZICBOM		32
#define ISA_EXT_ZIHINTPAUSE	33
#define ISA_EXT_ZBB		34
#define ISA_EXT_SVINVAL		35
#define ISA_EXT_ZKR		36
#define ISA_EXT_MAX		64

typedef uint64_t isa_set_t;

/* Parse "rv64imafdch_zicsr_sstc" style strings; unknown names are ignored. */
isa_set_t isa_parse_string(const char *isa);
/* Parse a riscv,isa-extensions string list (NUL separated, len bytes). */
isa_set_t isa_parse_list(const char *list, int len);
/* Name of a multi-letter extension bit, or NULL. */
const char *isa_ext_name(unsigned int bit);
/* Render a set as an ISA string ("rv64imafdch_sstc"). */
void isa_format(isa_set_t set, char *buf, unsigned long size);

extern isa_set_t host_isa;

static inline bool host_cpu_has(unsigned int bit)
{
	return (host_isa >> bit) & 1;
}

#endif
