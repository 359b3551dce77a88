vmm-objs-$(CONFIG_SERIAL_8250) += drivers/serial/uart8250.o
vmm-objs-$(CONFIG_IRQCHIP_PLIC) += drivers/irqchip/plic.o
vmm-objs-y += drivers/rtc/goldfish_rtc.o
vmm-objs-y += drivers/irqchip/aia_fdt.o
vmm-objs-y += drivers/irqchip/imsic.o
vmm-objs-y += drivers/irqchip/aplic.o
vmm-objs-y += drivers/irqchip/imsic_guest.o
