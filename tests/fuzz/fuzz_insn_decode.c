/*
 * libFuzzer target over the MMIO load/store decoder: the first 4 bytes
 * of an input are an instruction (little endian), decoded both raw and as
 * htinst; the next 8, when present, a value for mmio_load_extend.  Checks
 * the decoder's invariants: width in {1,2,4,8}, reg < 32, insn_len 2 or 4
 * as bits [1:0] say, the output untouched on failure, the raw and htinst
 * views of a 32-bit instruction agreeing, bits above 31 rejected, and the
 * extension keeping the loaded bytes and filling the rest with 0s or sign;
 * and an atomic (insn_atomic) never decoding as a plain access.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arch/insn_decode.h>

static const struct mmio_insn poison = {
	.is_store = true, .width = 77, .sign_extend = true, .reg = 77, .insn_len = 77,
};

static void check(int cond)
{
	if (!cond)
		abort();
}

static int decode(unsigned long insn, bool ht, struct mmio_insn *m)
{
	int ret;

	*m = poison;
	ret = insn_decode_mmio(insn, ht, m);
	if (ret) {
		check(!memcmp(m, &poison, sizeof(*m)));
		return ret;
	}
	check(m->width == 1 || m->width == 2 || m->width == 4 || m->width == 8);
	check(m->reg < 32);
	check(m->insn_len == 2 || m->insn_len == 4);
	check(!m->sign_extend || (!m->is_store && m->width < 8));
	return 0;
}

static bool same_access(const struct mmio_insn *a, const struct mmio_insn *b)
{
	return a->is_store == b->is_store && a->width == b->width &&
	       a->sign_extend == b->sign_extend && a->reg == b->reg;
}

static void check_extend(uint64_t val, const struct mmio_insn *m)
{
	unsigned int bits = 8 * m->width;
	uint64_t got = mmio_load_extend(val, m);
	uint64_t low = bits < 64 ? (1ULL << bits) - 1 : ~0ULL;
	bool neg = m->sign_extend && (val >> (bits - 1) & 1);

	check((got & low) == (val & low));
	check((got & ~low) == (neg ? ~low : 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t insn = 0;
	uint64_t val = 0x8badf00ddeadbeefULL;
	struct mmio_insn raw, ht, ht_c;
	int raw_ret, ht_ret;
	bool is_store;

	if (size < sizeof(insn))
		return 0;
	memcpy(&insn, data, sizeof(insn));
	if (size >= sizeof(insn) + sizeof(val))
		memcpy(&val, data + sizeof(insn), sizeof(val));

	raw_ret = decode(insn, false, &raw);
	if (!raw_ret) {
		check(raw.insn_len == ((insn & 3) == 3 ? 4 : 2));
		if (!raw.is_store)
			check_extend(val, &raw);
	}

	ht_ret = decode(insn, true, &ht);
	if (!ht_ret) {
		check(insn & 1);
		check(ht.insn_len == ((insn & 2) ? 4 : 2));
	}
	/* A 32-bit instruction means the same raw and as htinst. */
	if ((insn & 3) == 3) {
		check(raw_ret == ht_ret);
		check(raw_ret || (same_access(&raw, &ht) && ht.insn_len == 4));
	}
	/* Clearing bit 1 of htinst only changes the length. */
	check(decode(insn & ~2u, true, &ht_c) == ht_ret);
	check(ht_ret || (same_access(&ht, &ht_c) && ht_c.insn_len == 2));

	check(decode(insn | 1UL << 32, false, &raw) == -EINVAL);
	check(decode(insn | 1UL << 32, true, &ht) == -EINVAL);

	/* An atomic is never served as a plain access, and only LR is a load. */
	if (insn_atomic(insn, &is_store)) {
		check(raw_ret && ht_ret);
		check(is_store == (((insn >> 27) & 0x1f) != 2));
	}
	check(!insn_atomic(insn | 1UL << 32, &is_store));
	return 0;
}
