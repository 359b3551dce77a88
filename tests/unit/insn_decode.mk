# Host unit test of the MMIO load/store decoder (arch/riscv/insn_decode.c).
# The bits of the reference instructions in tests/unit/data/insn_decode.tbl
# come from the cross assembler at build time (tests/unit/insn_decode_gen.py
# writes $(BUILD)/unit/insn_decode_cases.c).  The decoder includes
# <arch/insn_decode.h>: CPATH gives only this binary the arch include path.
unit-tests += insn_decode
insn_decode-srcs := tests/unit/test_insn_decode.c arch/riscv/insn_decode.c \
	$(BUILD)/unit/insn_decode_cases.c

$(BUILD)/unit/insn_decode: export CPATH := arch/riscv/include
$(BUILD)/unit/insn_decode: tests/unit/insn_decode_cases.h arch/riscv/include/arch/insn_decode.h

$(BUILD)/unit/insn_decode_cases.c: tests/unit/data/insn_decode.tbl tests/unit/insn_decode_gen.py
	@mkdir -p $(dir $@)
	$(PYTHON) tests/unit/insn_decode_gen.py --as $(CROSS_COMPILE)as --objcopy $(OBJCOPY) $< $@
