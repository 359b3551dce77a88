# Host unit test of the ISA set code (arch/riscv/isa.c: parsing, the host
# probe from an FDT cpu node; arch/riscv/isa_guest.c: the table of what
# guests get and the henvcfg it implies).  CPATH gives the arch headers.
unit-tests += isa
isa-srcs := tests/unit/test_isa.c arch/riscv/isa.c arch/riscv/isa_guest.c

$(BUILD)/unit/isa: export CPATH := arch/riscv/include
$(BUILD)/unit/isa: arch/riscv/include/arch/cpu.h arch/riscv/include/arch/isa_ext_ids.h
