# The hostile test guest (tests/riscv/virt64/hostile), built by its own
# Makefile as `make hostile-guest` (part of `make all` and `make disk`),
# and its files on the boot disk (through disk.mk's DISK_TREES):
#   /hostile.xscript                              xscript/hostile.xscript
#   /images/riscv/virt64/hostile/hostile.bin      the guest
#   /images/riscv/virt64/hostile/sbitest.dtb      from sbitest.dts
#   /images/riscv/virt64/hostile/hostile.list     NOR list of guest hostile
#   /images/riscv/virt64/hostile/ticker.list      NOR list of guest ticker
#   /images/riscv/virt64/hostile/ticker.cmd       ticker's start command
HOSTILE_SRC	:= tests/riscv/virt64/hostile
HOSTILE_BIN	:= $(BUILD)/hostile/hostile.bin
HOSTILE_TREE	:= $(BUILD)/hostile-disk
HOSTILE_STAGED	:= $(HOSTILE_TREE)/images/riscv/virt64/hostile
HOSTILE_FILES	:= $(HOSTILE_SRC)/hostile.list $(HOSTILE_SRC)/ticker.list \
		   $(HOSTILE_SRC)/ticker.cmd

.PHONY: hostile-guest
hostile-guest:
	$(MAKE) -C $(HOSTILE_SRC) O=$(abspath $(BUILD))/hostile CROSS_COMPILE=$(CROSS_COMPILE)

all: hostile-guest
disk: hostile-guest

$(BUILD)/hostile-disk.stamp: $(wildcard $(HOSTILE_BIN)) $(HOSTILE_FILES) \
		tests/riscv/virt64/sbitest.dts tests/riscv/virt64/xscript/hostile.xscript \
		tests/riscv/virt64/hostile.mk
	rm -rf $(HOSTILE_TREE)
	mkdir -p $(HOSTILE_STAGED)
	dtc -q -I dts -O dtb -o $(HOSTILE_STAGED)/sbitest.dtb tests/riscv/virt64/sbitest.dts
	cp $(HOSTILE_BIN) $(HOSTILE_FILES) $(HOSTILE_STAGED)/
	cp tests/riscv/virt64/xscript/hostile.xscript $(HOSTILE_TREE)/hostile.xscript
	touch $@

DISK_TREES += $(HOSTILE_TREE)
$(BUILD)/disk.img: $(BUILD)/hostile-disk.stamp
