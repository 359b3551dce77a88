# libFuzzer target over the MMIO load/store decoder (arch/riscv/insn_decode.c),
# checking its invariants on arbitrary 4-byte instructions.  CPATH gives
# only this binary the arch include path for <arch/insn_decode.h>.
fuzzers += insn_decode
insn_decode-fuzz-srcs := tests/fuzz/fuzz_insn_decode.c arch/riscv/insn_decode.c

$(BUILD)/fuzz/insn_decode: export CPATH := arch/riscv/include
$(BUILD)/fuzz/insn_decode: arch/riscv/include/arch/insn_decode.h
