vmm-objs-y += core/main.o
vmm-objs-y += core/version.o
vmm-objs-y += core/driver.o
vmm-objs-y += core/registry.o
