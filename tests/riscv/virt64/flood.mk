# The flood test guest (tests/riscv/virt64/flood), built by its own
# Makefile as `make flood-guest` (part of `make all` and `make disk`), and
# its files on the boot disk (through disk.mk's DISK_TREES):
#   /images/riscv/virt64/flood/flood.bin   the guest
#   /images/riscv/virt64/flood/flood.dtb   from flood.dts
#   /images/riscv/virt64/flood/flood-aia.dtb  from flood-aia.dts (vIMSIC
#                                          and vAPLIC instead of the vPLIC)
#   /images/riscv/virt64/flood/<m>.list    NOR lists for the modes flood,
#   /images/riscv/virt64/flood/<m>.cmd     busy, calm and imsic (start
#                                          commands)
FLOOD_SRC	:= tests/riscv/virt64/flood
FLOOD_BIN	:= $(BUILD)/flood/flood.bin
FLOOD_TREE	:= $(BUILD)/flood-disk
FLOOD_STAGED	:= $(FLOOD_TREE)/images/riscv/virt64/flood
FLOOD_FILES	:= $(foreach m,flood busy calm imsic,$(FLOOD_SRC)/$(m).list $(FLOOD_SRC)/$(m).cmd)

.PHONY: flood-guest
flood-guest:
	$(MAKE) -C $(FLOOD_SRC) O=$(abspath $(BUILD))/flood CROSS_COMPILE=$(CROSS_COMPILE)

all: flood-guest
disk: flood-guest

$(BUILD)/flood-disk.stamp: $(wildcard $(FLOOD_BIN)) $(FLOOD_FILES) \
		tests/riscv/virt64/flood.dts tests/riscv/virt64/flood-aia.dts \
		tests/riscv/virt64/flood.mk
	rm -rf $(FLOOD_TREE)
	mkdir -p $(FLOOD_STAGED)
	dtc -q -I dts -O dtb -o $(FLOOD_STAGED)/flood.dtb tests/riscv/virt64/flood.dts
	dtc -q -I dts -O dtb -o $(FLOOD_STAGED)/flood-aia.dtb tests/riscv/virt64/flood-aia.dts
	cp $(FLOOD_BIN) $(FLOOD_FILES) $(FLOOD_STAGED)/
	touch $@

DISK_TREES += $(FLOOD_TREE)
$(BUILD)/disk.img: $(BUILD)/flood-disk.stamp
