# Host unit test of the hardware-independent parts of the virt64 basic
# firmware (tokenizer, hex parser, cmdlist splitter, ISA builder, FDT
# patcher), run against the compiled tests/riscv/virt64/linux/virt64.dts.
unit-tests += basic_fdt
BASIC_FW_DIR := tests/riscv/virt64/basic
basic_fdt-srcs := tests/unit/test_basic_fdt.c $(BASIC_FW_DIR)/args.c \
	$(BASIC_FW_DIR)/cmdlist.c $(BASIC_FW_DIR)/isa.c $(BASIC_FW_DIR)/fdt_patch.c \
	$(BASIC_FW_DIR)/fdt_print.c $(BUILD)/unit/virt64_dtb.c

# The firmware's <arch/isa_ext_ids.h> is the hypervisor's.
$(BUILD)/unit/basic_fdt: export CPATH := arch/riscv/include
$(BUILD)/unit/basic_fdt: arch/riscv/include/arch/isa_ext_ids.h
$(BUILD)/unit/virt64_dtb.c: tests/riscv/virt64/linux/virt64.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $(BUILD)/unit/virt64.dtb $<
	$(PYTHON) -c 'import sys; d = open(sys.argv[1], "rb").read(); \
		print("extern const unsigned char virt64_dtb[];"); \
		print("extern const unsigned long virt64_dtb_len;"); \
		print("const unsigned char virt64_dtb[] = {" + ",".join(map(str, d)) + "};"); \
		print("const unsigned long virt64_dtb_len = %d;" % len(d))' \
		$(BUILD)/unit/virt64.dtb > $@
