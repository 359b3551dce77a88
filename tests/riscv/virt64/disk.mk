# The boot disk: `make disk` builds $(BUILD)/disk.img, an ext2 image
# (genext2fs -B 1024) of 32 MiB, or more when the files need it (the Linux
# payload does: its Image alone is ~31 MB), that QEMU passes as -initrd.
# Contents:
#   /boot.xscript                      xscript/one_guest_virt64.xscript
#   /system/banner.txt                 banner.txt
#   /tmp/                              empty
#   /images/riscv/virt64-guest.dtb     from virt64-guest.dts
#   /images/riscv/virt64/firmware.bin  the basic firmware (make firmware)
#   /images/riscv/virt64/virt64.dtb    from linux/virt64.dts
#   /images/riscv/virt64/Image, rootfs.img, when $(DISK_LINUX_DIR) has them;
#   with a Linux Image the nor_flash.list and cmdlist generated beside it
#   (payload.mk) or else linux/'s are used, without one the firmware-only
#   basic/nor_flash.list.
# `disk` first builds the firmware, then re-evaluates this file in a
# sub-make so that the optional payload files are seen as prerequisites.
# Other fragments add files with `DISK_TREES += <dir>` (copied into the
# image root) and a prerequisite line for $(BUILD)/disk.img.
V64_DIR		:= tests/riscv/virt64
DISK_IMG	:= $(BUILD)/disk.img
DISK_STAGING	:= $(BUILD)/disk-staging
DISK_LINUX_DIR	?= $(BUILD)/guest
DISK_GUEST_DTB	:= $(BUILD)/dtb/virt64-guest.dtb
DISK_LINUX_DTB	:= $(BUILD)/dtb/virt64.dtb
DISK_FW		:= $(wildcard $(BUILD)/basic/firmware.bin)
DISK_LINUX	:= $(wildcard $(DISK_LINUX_DIR)/Image $(DISK_LINUX_DIR)/rootfs.img)
DISK_NOR_DIR	:= $(if $(wildcard $(DISK_LINUX_DIR)/Image),$(if $(wildcard \
		   $(DISK_LINUX_DIR)/cmdlist),$(DISK_LINUX_DIR),$(V64_DIR)/linux),$(V64_DIR)/basic)

disk: firmware
	@$(MAKE) --no-print-directory $(DISK_IMG)

$(BUILD)/dtb/%.dtb: $(V64_DIR)/%.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

$(DISK_LINUX_DTB): $(V64_DIR)/linux/virt64.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

$(DISK_IMG): $(V64_DIR)/disk.mk $(V64_DIR)/banner.txt \
		$(V64_DIR)/xscript/one_guest_virt64.xscript $(DISK_GUEST_DTB) \
		$(DISK_LINUX_DTB) $(DISK_NOR_DIR)/nor_flash.list \
		$(wildcard $(DISK_NOR_DIR)/cmdlist) $(DISK_FW) $(DISK_LINUX)
	@rm -rf $(DISK_STAGING)
	@mkdir -p $(DISK_STAGING)/system $(DISK_STAGING)/tmp \
		$(DISK_STAGING)/images/riscv/virt64
	cp $(V64_DIR)/xscript/one_guest_virt64.xscript $(DISK_STAGING)/boot.xscript
	cp $(V64_DIR)/banner.txt $(DISK_STAGING)/system/banner.txt
	cp $(DISK_GUEST_DTB) $(DISK_STAGING)/images/riscv/virt64-guest.dtb
	cp $(DISK_LINUX_DTB) $(DISK_STAGING)/images/riscv/virt64/virt64.dtb
	cp $(DISK_NOR_DIR)/nor_flash.list $(wildcard $(DISK_NOR_DIR)/cmdlist) \
		$(DISK_FW) $(DISK_LINUX) $(DISK_STAGING)/images/riscv/virt64/
	$(foreach t,$(DISK_TREES),cp -r $(t)/. $(DISK_STAGING)/;)
	kb=$$(du -s -B1024 --apparent-size $(DISK_STAGING) | cut -f1); \
	kb=$$(( (kb + kb / 8 + 2047) / 1024 * 1024 )); [ $$kb -ge 32768 ] || kb=32768; \
	genext2fs -B 1024 -b $$kb -d $(DISK_STAGING) $@
	@echo "disk.img: $$(stat -c %s $@) bytes"
