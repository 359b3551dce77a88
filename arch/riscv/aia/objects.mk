vmm-objs-y += arch/riscv/aia/vcpu_aia.o
vmm-objs-y += arch/riscv/aia/vcpu_aia_file.o
