vmm-objs-y += core/guest/guest.o
vmm-objs-y += core/guest/guest_config.o
vmm-objs-y += core/guest/guest_mem.o
vmm-objs-y += core/guest/vcpu.o
vmm-objs-y += core/guest/emulator.o
