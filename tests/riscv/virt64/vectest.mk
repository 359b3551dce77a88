# The vector isolation test guest (tests/riscv/virt64/vectest), built by its
# own Makefile as `make vectest-guest` (part of `make all` and `make disk`),
# and its files on the boot disk (through disk.mk's DISK_TREES):
#   /vectest.xscript                              xscript/vectest.xscript
#   /images/riscv/virt64/vectest/vectest.bin      the guest
#   /images/riscv/virt64/vectest/vectest.dtb      from vectest.dts
#   /images/riscv/virt64/vectest/{a,b}.list       NOR lists of vecA and vecB
#   /images/riscv/virt64/vectest/{a,b}.tag        their tag letters
VECTEST_SRC	:= tests/riscv/virt64/vectest
VECTEST_BIN	:= $(BUILD)/vectest/vectest.bin
VECTEST_TREE	:= $(BUILD)/vectest-disk
VECTEST_STAGED	:= $(VECTEST_TREE)/images/riscv/virt64/vectest
VECTEST_FILES	:= $(addprefix $(VECTEST_SRC)/,a.list b.list a.tag b.tag)

.PHONY: vectest-guest
vectest-guest:
	$(MAKE) -C $(VECTEST_SRC) O=$(abspath $(BUILD))/vectest CROSS_COMPILE=$(CROSS_COMPILE)

all: vectest-guest
disk: vectest-guest

$(BUILD)/vectest-disk.stamp: $(wildcard $(VECTEST_BIN)) $(VECTEST_FILES) \
		tests/riscv/virt64/vectest.dts tests/riscv/virt64/xscript/vectest.xscript \
		tests/riscv/virt64/vectest.mk
	rm -rf $(VECTEST_TREE)
	mkdir -p $(VECTEST_STAGED)
	dtc -q -I dts -O dtb -o $(VECTEST_STAGED)/vectest.dtb tests/riscv/virt64/vectest.dts
	cp $(VECTEST_BIN) $(VECTEST_FILES) $(VECTEST_STAGED)/
	cp tests/riscv/virt64/xscript/vectest.xscript $(VECTEST_TREE)/vectest.xscript
	touch $@

DISK_TREES += $(VECTEST_TREE)
$(BUILD)/disk.img: $(BUILD)/vectest-disk.stamp
