# The nested-virtualization guest (docs/nested.md) on the boot disk
# (through disk.mk's DISK_TREES):
#   /nested.xscript                              xscript/nested.xscript
#   /images/riscv/virt64/nested/nested.dtb       from nested.dts
#   /images/riscv/virt64/nested/nor_flash.list   guest0's NOR: the basic
#     firmware, its cmdlist, this build's vmm.bin, the Linux-style DTB the
#     firmware patches and hands to it, and initrd.img, a 2 MiB ext2 for
#     the inner hypervisor: /inner.xscript (nested/inner.xscript), the
#     virt64 guest DTB, the basic firmware and its NOR list, and the SBI
#     test guest (images/riscv/virt64/sbitest/: sbitest.bin, .dtb, .list)
NESTED_SRC	:= tests/riscv/virt64/nested
NESTED_TREE	:= $(BUILD)/nested-disk
NESTED_STAGED	:= $(NESTED_TREE)/images/riscv/virt64/nested
NESTED_INITRD	:= $(BUILD)/nested-initrd

$(BUILD)/nested-disk.stamp: $(BUILD)/vmm.bin $(wildcard $(BASIC_FW_BIN)) $(DISK_LINUX_DTB) \
		$(NESTED_SRC)/nor_flash.list $(NESTED_SRC)/cmdlist \
		tests/riscv/virt64/nested.dts tests/riscv/virt64/virt64-guest.dts \
		tests/riscv/virt64/xscript/nested.xscript tests/riscv/virt64/nested.mk \
		$(NESTED_SRC)/inner.xscript $(DISK_GUEST_DTB) tests/riscv/virt64/basic/nor_flash.list \
		$(wildcard $(BUILD)/sbitest/sbitest.bin) tests/riscv/virt64/sbitest.dts
	rm -rf $(NESTED_TREE) $(NESTED_INITRD)
	mkdir -p $(NESTED_STAGED) $(NESTED_INITRD)/images/riscv/virt64
	cp $(NESTED_SRC)/inner.xscript $(NESTED_INITRD)/inner.xscript
	cp $(DISK_GUEST_DTB) $(NESTED_INITRD)/images/riscv/virt64-guest.dtb
	cp tests/riscv/virt64/basic/nor_flash.list $(BASIC_FW_BIN) $(NESTED_INITRD)/images/riscv/virt64/
	mkdir -p $(NESTED_INITRD)/images/riscv/virt64/sbitest
	cp $(BUILD)/sbitest/sbitest.bin tests/riscv/virt64/sbitest/sbitest.list \
		$(NESTED_INITRD)/images/riscv/virt64/sbitest/
	dtc -q -I dts -O dtb -o $(NESTED_INITRD)/images/riscv/virt64/sbitest/sbitest.dtb \
		tests/riscv/virt64/sbitest.dts
	genext2fs -B 1024 -b 2048 -d $(NESTED_INITRD) $(NESTED_STAGED)/initrd.img
	dtc -q -I dts -O dtb -o $(NESTED_STAGED)/nested.dtb tests/riscv/virt64/nested.dts
	cp $(NESTED_SRC)/nor_flash.list $(NESTED_SRC)/cmdlist $(BUILD)/vmm.bin \
		$(BASIC_FW_BIN) $(NESTED_STAGED)/
	cp $(DISK_LINUX_DTB) $(NESTED_STAGED)/virt64.dtb
	cp tests/riscv/virt64/xscript/nested.xscript $(NESTED_TREE)/nested.xscript
	touch $@

DISK_TREES += $(NESTED_TREE)
$(BUILD)/disk.img: $(BUILD)/nested-disk.stamp
