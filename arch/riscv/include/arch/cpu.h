/*
 * RISC-V ISA features of the host harts and of vCPUs, as a 64-bit set.
 * Bits 0-25 are the single-letter extensions (letter - 'a'); the next
 * bits number the multi-letter extensions we care about
 * (arch/isa_ext_ids.h), as the Xvisor vendor SBI ISA_EXT query does, so a
 * guest query maps straight onto this set.  What a guest may get of the
 * host's set is decided by one table in isa.c (docs/isa.md).
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/isa_ext_ids.h>

#define ISA_EXT_LETTER(c)	((c) - 'a')
#define ISA_EXT_MAX		64

#define ISA_EXT_ENUM(id, bit, name) ISA_EXT_##id = (bit),
enum { ISA_EXT_IDS(ISA_EXT_ENUM) };
#undef ISA_EXT_ENUM

typedef uint64_t isa_set_t;

/* Parse "rv64imafdch_zicsr_sstc" style strings; unknown names are ignored. */
isa_set_t isa_parse_string(const char *isa);
/* Parse a riscv,isa-extensions string list (NUL separated, len bytes). */
isa_set_t isa_parse_list(const char *list, int len);
/* Name of a multi-letter extension bit, or NULL. */
const char *isa_ext_name(unsigned int bit);
/* Render a set as an ISA string ("rv64imafdch_sstc"). */
void isa_format(isa_set_t set, char *buf, unsigned long size);

/*
 * The boot hart's ISA from its /cpus node in the host FDT: riscv,isa and
 * riscv,isa-extensions, and the Zicbom/Zicboz block sizes.  Sets host_isa.
 */
void isa_probe_host(const void *fdt, int cpu_node, const char *isa);
/*
 * What a vCPU whose configuration asks for @wanted gets: the extensions
 * the host has and the hypervisor virtualizes, whose prerequisites it
 * also gets.  Letters and Sstc must be asked for; the newer extensions
 * come without asking unless @wanted names some of them (isa_guest.c).
 */
isa_set_t isa_guest_set(isa_set_t wanted);
/* henvcfg enabling a guest's use of the extensions in @set. */
unsigned long isa_henvcfg(isa_set_t set);
/*
 * The vendor SBI ISA_EXT answer for @bit of @set: 0 when absent, the
 * block size in bytes for Zicbom and Zicboz, 1 for any other extension.
 */
unsigned long isa_ext_value(isa_set_t set, unsigned int bit);

extern isa_set_t host_isa;
/* Zicbom / Zicboz cache-block sizes of the host in bytes; 0: not given. */
extern unsigned long host_cbom_block, host_cboz_block;

static inline bool host_cpu_has(unsigned int bit)
{
	return (host_isa >> bit) & 1;
}

#endif
