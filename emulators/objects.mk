vmm-objs-y += emulators/uart8250.o
vmm-objs-y += emulators/uart8250_model.o
vmm-objs-y += emulators/vminfo.o
vmm-objs-y += emulators/zero.o
vmm-objs-y += emulators/simplefb.o
vmm-objs-y += emulators/plic.o
vmm-objs-y += emulators/virtio_mmio.o
vmm-objs-y += emulators/goldfish_rtc.o
