/*
 * Decoding of a trapped guest load or store for MMIO emulation.  When a
 * guest access faults on an emulated region the hypervisor has either the
 * transformed instruction from htinst (the original load/store with its
 * address fields replaced, bits [1:0] == 01 when the original was a 16-bit
 * instruction, == 11 when it was 32 bits) or, when htinst is 0, the raw
 * instruction fetched from guest memory.  This turns either form into a
 * direction, an access width, a sign-extension flag, a register index and
 * the length to add to sepc.  It is pure: no CSR access, host-testable.
 */
#ifndef ARCH_INSN_DECODE_H
#define ARCH_INSN_DECODE_H

#include <stdbool.h>
#include <stdint.h>

struct mmio_insn {
	bool is_store;
	unsigned int width;	/* access size in bytes: 1, 2, 4 or 8 */
	bool sign_extend;	/* loads only: LB, LH, LW (and C.LW/C.LWSP) */
	unsigned int reg;	/* rd for loads, rs2 for stores: x0..x31 */
	unsigned int insn_len;	/* 2 or 4: how far to advance sepc */
};

/*
 * Decode @insn, a transformed instruction read from htinst when
 * @from_htinst is true, else the raw instruction bits (16 bits when
 * bits [1:0] != 11, in which case bits [31:16] are ignored; 32 bits
 * otherwise).  Accepted: the RV64 integer loads and stores LB LH LW LD
 * LBU LHU LWU SB SH SW SD and C.LW C.LD C.SW C.SD C.LWSP C.LDSP C.SWSP
 * C.SDSP.  The address fields (rs1, immediate) are ignored.  Anything
 * else (floating-point and vector accesses, AMOs, LR/SC, HLV/HSV,
 * htinst pseudoinstructions, zero, reserved encodings, bits above 31)
 * returns -EINVAL.  Returns 0 and fills @out on success; @out is left
 * untouched on failure.
 */
int insn_decode_mmio(unsigned long insn, bool from_htinst, struct mmio_insn *out);

/*
 * Extend the low @m->width bytes of a value read by the load @m to 64
 * bits: sign-extended when @m->sign_extend, zero-extended otherwise
 * (inline: every emulated load does it).
 */
static inline unsigned long mmio_load_extend(uint64_t val, const struct mmio_insn *m)
{
	unsigned int shift;

	if (m->width < 1 || m->width > 7)
		return val;
	shift = 64 - 8 * m->width;
	if (m->sign_extend)
		return (unsigned long)((int64_t)(val << shift) >> shift);
	return val << shift >> shift;
}

/*
 * Whether @insn (raw or htinst: an atomic is always 32 bits) is an LR, SC
 * or AMO, which the hypervisor does not emulate on devices; if so
 * @is_store says whether it takes the store/AMO access fault (SC and the
 * AMOs) rather than the load access fault (LR).
 */
bool insn_atomic(unsigned long insn, bool *is_store);

#endif
