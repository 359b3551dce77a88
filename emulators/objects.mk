vmm-objs-y += emulators/uart8250.o
vmm-objs-y += emulators/uart8250_model.o
