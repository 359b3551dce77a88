/*
 * Decoder of trapped guest loads and stores for MMIO emulation: maps an
 * htinst transformed instruction or a raw 16/32-bit instruction to the
 * access it performs (struct mmio_insn), and extends loaded values.
 * Compressed instructions are first expanded to their 32-bit equivalent,
 * the same way the hardware transforms them for htinst, so one decoder
 * of the 32-bit LOAD/STORE opcodes states every width and signedness.
 * Atomics (LR, SC, AMOs) are not emulated; insn_atomic() only tells
 * which access fault they take.
 */
#include <errno.h>
#include <arch/insn_decode.h>

#define OPC_MASK	0x7fu
#define OPC_LOAD	0x03u
#define OPC_STORE	0x23u
#define OPC_AMO		0x2fu
#define AMO_LR		0x02u	/* funct5 of LR.W/LR.D */

/* Compressed: quadrant (bits 1:0) and funct3 (bits 15:13). */
#define C_MATCH_MASK	0xe003u
#define C_LW		0x4000u
#define C_LD		0x6000u
#define C_SW		0xc000u
#define C_SD		0xe000u
#define C_LWSP		0x4002u
#define C_LDSP		0x6002u
#define C_SWSP		0xc002u
#define C_SDSP		0xe002u

static uint32_t mk_load(unsigned int funct3, unsigned int rd)
{
	return funct3 << 12 | rd << 7 | OPC_LOAD;
}

static uint32_t mk_store(unsigned int funct3, unsigned int rs2)
{
	return rs2 << 20 | funct3 << 12 | OPC_STORE;
}

/*
 * Expand a compressed load/store to the 32-bit load/store with the same
 * width and data register (address fields left zero); 0 if it is none.
 */
static uint32_t expand_compressed(uint16_t c)
{
	unsigned int reg_p = 8 + ((c >> 2) & 7);	/* rd' or rs2' */
	unsigned int rd = (c >> 7) & 0x1f;
	unsigned int rs2 = (c >> 2) & 0x1f;

	switch (c & C_MATCH_MASK) {
	case C_LW:
		return mk_load(2, reg_p);
	case C_LD:
		return mk_load(3, reg_p);
	case C_SW:
		return mk_store(2, reg_p);
	case C_SD:
		return mk_store(3, reg_p);
	case C_LWSP:
		return rd ? mk_load(2, rd) : 0;	/* rd == 0 is reserved */
	case C_LDSP:
		return rd ? mk_load(3, rd) : 0;
	case C_SWSP:
		return mk_store(2, rs2);
	case C_SDSP:
		return mk_store(3, rs2);
	default:
		return 0;
	}
}

static int decode_32(uint32_t insn, unsigned int len, struct mmio_insn *out)
{
	unsigned int funct3 = (insn >> 12) & 7;
	struct mmio_insn m = { .insn_len = len };

	switch (insn & OPC_MASK) {
	case OPC_LOAD:
		if (funct3 == 7)
			return -EINVAL;
		m.width = 1u << (funct3 & 3);
		m.sign_extend = !(funct3 & 4) && m.width < 8;
		m.reg = (insn >> 7) & 0x1f;
		break;
	case OPC_STORE:
		if (funct3 > 3)
			return -EINVAL;
		m.is_store = true;
		m.width = 1u << funct3;
		m.reg = (insn >> 20) & 0x1f;
		break;
	default:
		return -EINVAL;
	}
	*out = m;
	return 0;
}

int insn_decode_mmio(unsigned long insn, bool from_htinst, struct mmio_insn *out)
{
	uint32_t word;

	if (insn > 0xffffffffUL)
		return -EINVAL;
	if (from_htinst) {
		/* Bit 0 clear: zero (no information) or a pseudoinstruction. */
		if (!(insn & 1))
			return -EINVAL;
		return decode_32(insn | 3, (insn & 2) ? 4 : 2, out);
	}
	if ((insn & 3) == 3)
		return decode_32(insn, 4, out);
	word = expand_compressed(insn & 0xffff);
	if (!word)
		return -EINVAL;
	return decode_32(word, 2, out);
}

bool insn_atomic(unsigned long insn, bool *is_store)
{
	/* AMOs are 32 bits, so a raw and an htinst encoding look the same. */
	if (insn > 0xffffffffUL || (insn & OPC_MASK) != OPC_AMO)
		return false;
	*is_store = ((insn >> 27) & 0x1f) != AMO_LR;
	return true;
}
