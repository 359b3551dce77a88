/*
 * The table of reference instructions shared by test_insn_decode.c and
 * the file insn_decode_gen.py generates from data/insn_decode.tbl: each
 * case has its assembler text, table line, how the bits are presented to
 * the decoder, the assembled bits, and the expected result.
 */
#ifndef INSN_DECODE_CASES_H
#define INSN_DECODE_CASES_H

#include <stdint.h>
#include <arch/insn_decode.h>

enum insn_case_mode {
	CASE_RAW,	/* raw instruction bits */
	CASE_HTINST,	/* htinst of a 32-bit instruction */
	CASE_HTINST_C,	/* htinst of a compressed one: bit 1 cleared */
};

struct insn_case {
	const char *text;
	unsigned int line;
	enum insn_case_mode mode;
	uint32_t bits;
	int ret;
	struct mmio_insn want;
};

extern const struct insn_case insn_cases[];
extern const unsigned int insn_cases_count;

#endif
