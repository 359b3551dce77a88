# The Linux guest payload: `make payload` fetches Debian trixie's riscv64
# kernel and busybox-static through a private apt configuration (cached in
# $(CACHE_DIR)/guest, see docs/guest-payload.md) and turns them into
# $(BUILD)/guest/{Image,rootfs.img,nor_flash.list,cmdlist}, the layout
# checked against the firmware and DTB sizes.  `disk` depends on it, so
# `make disk` / `make run` boot Linux from a fresh clone; GUEST_PAYLOAD=0
# leaves it out (firmware-only disk).  `make payload-test` runs the host
# checks of the layout and initramfs code (no QEMU).
GUEST_PAYLOAD	?= 1
GUEST_OUT	= $(DISK_LINUX_DIR)
GUEST_SCRIPTS	:= tests/riscv/virt64/linux

.PHONY: payload payload-test

payload: firmware $(BUILD)/dtb/virt64.dtb
	@$(GUEST_SCRIPTS)/fetch.sh
	@$(PYTHON) $(GUEST_SCRIPTS)/build-payload.py --out $(GUEST_OUT) \
		--firmware $(BUILD)/basic/firmware.bin --dtb $(BUILD)/dtb/virt64.dtb

ifeq ($(GUEST_PAYLOAD),1)
disk: payload
endif

payload-test:
	$(PYTHON) -m pytest -q -p no:cacheprovider tests/system/test_payload.py
