vmm-objs-y += arch/riscv/nested/nested.o
vmm-objs-y += arch/riscv/nested/nested_csr.o
vmm-objs-y += arch/riscv/nested/nested_mem.o
vmm-objs-y += arch/riscv/nested/nested_unpriv.o
vmm-objs-y += arch/riscv/nested/nested_shadow.o
vmm-objs-y += arch/riscv/nested/nested_l2.o
