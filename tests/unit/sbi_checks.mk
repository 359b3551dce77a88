# Host unit test of SBI argument classification (SRST, HSM suspend).
unit-tests += sbi_checks
sbi_checks-srcs := tests/unit/test_sbi_checks.c arch/riscv/sbi/sbi_checks.c
