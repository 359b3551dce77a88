# The SBI test guest (tests/riscv/virt64/sbitest), built by its own
# Makefile as `make sbitest-guest` (part of `make all` and `make disk`),
# and its files on the boot disk (through disk.mk's DISK_TREES):
#   /sbitest.xscript                              xscript/sbitest.xscript
#   /images/riscv/virt64/sbitest/sbitest.bin      the guest
#   /images/riscv/virt64/sbitest/sbitest.dtb      from sbitest.dts
#   /images/riscv/virt64/sbitest/sbitest-nested.dtb  from sbitest-nested.dts
#   /images/riscv/virt64/sbitest/sbitest.list     NOR list of guest sbitest
#   /images/riscv/virt64/sbitest/badguest.list    NOR list of guest badguest
#   /images/riscv/virt64/sbitest/badguest.cmd     badguest's start command
SBITEST_SRC	:= tests/riscv/virt64/sbitest
SBITEST_BIN	:= $(BUILD)/sbitest/sbitest.bin
SBITEST_TREE	:= $(BUILD)/sbitest-disk
SBITEST_STAGED	:= $(SBITEST_TREE)/images/riscv/virt64/sbitest
SBITEST_FILES	:= $(SBITEST_SRC)/sbitest.list $(SBITEST_SRC)/badguest.list \
		   $(SBITEST_SRC)/badguest.cmd

.PHONY: sbitest-guest
sbitest-guest:
	$(MAKE) -C $(SBITEST_SRC) O=$(abspath $(BUILD))/sbitest CROSS_COMPILE=$(CROSS_COMPILE)

all: sbitest-guest
disk: sbitest-guest

$(BUILD)/sbitest-disk.stamp: $(wildcard $(SBITEST_BIN)) $(SBITEST_FILES) \
		tests/riscv/virt64/sbitest.dts tests/riscv/virt64/sbitest-nested.dts \
		tests/riscv/virt64/xscript/sbitest.xscript \
		tests/riscv/virt64/sbitest.mk
	rm -rf $(SBITEST_TREE)
	mkdir -p $(SBITEST_STAGED)
	dtc -q -I dts -O dtb -o $(SBITEST_STAGED)/sbitest.dtb tests/riscv/virt64/sbitest.dts
	dtc -q -I dts -O dtb -o $(SBITEST_STAGED)/sbitest-nested.dtb \
		tests/riscv/virt64/sbitest-nested.dts
	cp $(SBITEST_BIN) $(SBITEST_FILES) $(SBITEST_STAGED)/
	cp tests/riscv/virt64/xscript/sbitest.xscript $(SBITEST_TREE)/sbitest.xscript
	touch $@

DISK_TREES += $(SBITEST_TREE)
$(BUILD)/disk.img: $(BUILD)/sbitest-disk.stamp
