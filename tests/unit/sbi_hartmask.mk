# Host unit test of the SBI hart-mask walk used by IPI/RFENCE/legacy.
unit-tests += sbi_hartmask
sbi_hartmask-srcs := tests/unit/test_sbi_hartmask.c arch/riscv/sbi/sbi_hartmask.c
