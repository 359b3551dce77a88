# `make run`: boot the hypervisor interactively on QEMU's virt machine with
# the disk image and the standard boot commands, as in README.md.  Quit
# QEMU with Ctrl-a x or the `shutdown` command.  RUN_SMP picks the harts.
RUN_SMP		?= 1
RUN_BOOTCMD	:= vfs mount initrd /;vfs run /boot.xscript;vfs cat /system/banner.txt

run: setup all disk
	$(QEMU) -M virt -m 512M -smp $(RUN_SMP) -nographic -kernel $(BUILD)/vmm.bin \
		-initrd $(BUILD)/disk.img -append 'vmm.bootcmd="$(RUN_BOOTCMD)"'
