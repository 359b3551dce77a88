# Host unit test of the ext2 writer: empty images made by mke2fs (ext2
# with 1 KiB and 4 KiB blocks, plus a small one to fill up) and a
# genext2fs revision-0 image are changed through the VFS, then checked on
# the host by `e2fsck -fn` and read back with `debugfs`.
unit-tests += ext2_write
EXT2W_DATA := $(BUILD)/unit/ext2w-data
ext2_write-srcs := tests/unit/test_ext2_write.c $(VFS_CORE_SRCS) $(EXT2W_DATA)/paths.c

$(EXT2W_DATA)/stamp: tests/unit/ext2_write.mk
	@rm -rf $(EXT2W_DATA) && mkdir -p $(EXT2W_DATA)/tree/sub
	@echo hello > $(EXT2W_DATA)/tree/sub/old.txt
	mke2fs -q -F -t ext2 -b 1024 $(EXT2W_DATA)/ext2-1k.img 16M
	mke2fs -q -F -t ext2 -b 4096 -d $(EXT2W_DATA)/tree $(EXT2W_DATA)/ext2-4k.img 16M
	mke2fs -q -F -t ext2 -b 1024 -N 64 $(EXT2W_DATA)/tiny.img 600K
	genext2fs -B 1024 -b 8192 -N 64 -d $(EXT2W_DATA)/tree $(EXT2W_DATA)/gen.img
	@touch $@

$(EXT2W_DATA)/paths.c: $(EXT2W_DATA)/stamp
	echo 'const char ext2w_data_dir[] = "$(abspath $(EXT2W_DATA))";' > $@
