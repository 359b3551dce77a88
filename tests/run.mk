# `make run`: boot the hypervisor interactively on QEMU's virt machine with
# the disk image and the standard boot commands, as in README.md.  Quit
# QEMU with Ctrl-a x or the `shutdown` command.  RUN_SMP picks the harts.
# RUN_DISK=<file> adds a persistent disk (virtio-blk, vda), made on first
# use as an empty ext2 of RUN_DISK_SIZE and mounted read-write at /persist;
# `shutdown` (or `vfs umount /persist`) writes everything back.
RUN_SMP		?= 1
RUN_DISK	?=
RUN_DISK_SIZE	?= 256M
RUN_BOOTCMD	:= vfs mount initrd /;vfs run /boot.xscript;vfs cat /system/banner.txt
RUN_DRIVE	:=
ifneq ($(RUN_DISK),)
RUN_BOOTCMD	:= $(RUN_BOOTCMD);vfs mkdir /persist;vfs mount vda /persist
RUN_DRIVE	:= -drive file=$(RUN_DISK),format=raw,if=none,id=hd0 \
		   -device virtio-blk-device,drive=hd0

$(RUN_DISK):
	truncate -s $(RUN_DISK_SIZE) $@
	mke2fs -q -F -t ext2 -E root_owner=0:0 $@
endif

run: setup all disk $(RUN_DISK)
	$(QEMU) -M virt -m 512M -smp $(RUN_SMP) -nographic -kernel $(BUILD)/vmm.bin \
		-initrd $(BUILD)/disk.img -append 'vmm.bootcmd="$(RUN_BOOTCMD)"' $(RUN_DRIVE)
