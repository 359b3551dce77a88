# The AIA variant of the Linux guest on the boot disk (through disk.mk's
# DISK_TREES), beside the vPLIC one:
#   /aia.xscript                             xscript/one_guest_virt64_aia.xscript
#   /images/riscv/virt64-aia-guest.dtb       from virt64-aia-guest.dts
#   /images/riscv/virt64/virt64-aia.dtb      from linux/virt64-aia.dts
#   /images/riscv/virt64/nor_flash_aia.list  the disk's nor_flash.list with
#                                            virt64-aia.dtb for virt64.dtb
#   /sbitest_aia.xscript                     xscript/sbitest_aia.xscript
#   /images/riscv/sbitest-aia.dtb            from sbitest-aia.dts (the SBI
#                                            test guest with AIA)
# Boot it with vmm.bootcmd="vfs mount initrd /;vfs run /aia.xscript" on
# -M virt,aia=aplic-imsic,aia-guests=N.
AIA_SRC		:= tests/riscv/virt64
AIA_TREE	:= $(BUILD)/aia-disk
AIA_STAGED	:= $(AIA_TREE)/images/riscv
AIA_NOR_LIST	:= $(if $(wildcard $(BUILD)/guest/Image),$(if $(wildcard \
		   $(BUILD)/guest/cmdlist),$(BUILD)/guest,$(AIA_SRC)/linux),$(AIA_SRC)/basic)/nor_flash.list

$(BUILD)/aia-disk.stamp: $(AIA_SRC)/aia.mk $(AIA_SRC)/virt64-aia-guest.dts \
		$(AIA_SRC)/virt64-guest.dts $(AIA_SRC)/linux/virt64-aia.dts \
		$(AIA_SRC)/linux/virt64.dts $(AIA_SRC)/xscript/one_guest_virt64_aia.xscript \
		$(AIA_SRC)/sbitest-aia.dts $(AIA_SRC)/sbitest.dts \
		$(AIA_SRC)/xscript/sbitest_aia.xscript $(AIA_NOR_LIST)
	rm -rf $(AIA_TREE)
	mkdir -p $(AIA_STAGED)/virt64
	dtc -q -I dts -O dtb -o $(AIA_STAGED)/virt64-aia-guest.dtb $(AIA_SRC)/virt64-aia-guest.dts
	dtc -q -I dts -O dtb -o $(AIA_STAGED)/virt64/virt64-aia.dtb $(AIA_SRC)/linux/virt64-aia.dts
	sed 's|\./virt64\.dtb|./virt64-aia.dtb|' $(AIA_NOR_LIST) > $(AIA_STAGED)/virt64/nor_flash_aia.list
	cp $(AIA_SRC)/xscript/one_guest_virt64_aia.xscript $(AIA_TREE)/aia.xscript
	dtc -q -I dts -O dtb -o $(AIA_STAGED)/sbitest-aia.dtb $(AIA_SRC)/sbitest-aia.dts
	cp $(AIA_SRC)/xscript/sbitest_aia.xscript $(AIA_TREE)/sbitest_aia.xscript
	touch $@

DISK_TREES += $(AIA_TREE)
$(BUILD)/disk.img: $(BUILD)/aia-disk.stamp
