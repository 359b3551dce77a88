# Host unit test of block devices, RAM disks, the VFS and the ext4/cpio
# drivers over real images: a tree made by tests/unit/ext2_staging.py is
# turned into images with genext2fs -B 1024 and mke2fs (ext2 2K/4K, ext3
# with journal, ext4 without journal, ext4 meta_bg, and ext4 inline_data
# which must be refused) under $(BUILD)/unit/ext2-data; the test finds
# them through the generated paths.c.
unit-tests += ext2
EXT2_DATA := $(BUILD)/unit/ext2-data
EXT2_TREE := $(EXT2_DATA)/tree
EXT2_MKE2FS := mke2fs -q -F -E root_owner=0:0 -d $(EXT2_TREE)
VFS_CORE_SRCS := core/fs/blockdev.c core/fs/rbd.c core/fs/vfs.c core/fs/vfs_path.c \
	core/fs/vfs_file.c core/fs/vfs_write.c $(wildcard libs/fs/ext2_*.c) libs/fs/cpio.c \
	core/time/wallclock.c
ext2-srcs := tests/unit/test_ext2.c tests/unit/vfs_walk.c $(VFS_CORE_SRCS) \
	$(EXT2_DATA)/paths.c

$(EXT2_DATA)/stamp: tests/unit/ext2_staging.py
	@rm -rf $(EXT2_DATA) && mkdir -p $(EXT2_DATA)
	$(PYTHON) tests/unit/ext2_staging.py $(EXT2_TREE) $(EXT2_DATA)/small.cpio
	genext2fs -z -B 1024 -b 16384 -d $(EXT2_TREE) $(EXT2_DATA)/gen1k.img
	$(EXT2_MKE2FS) -t ext2 -b 4096 $(EXT2_DATA)/ext2-4k.img 16M
	$(EXT2_MKE2FS) -t ext2 -b 2048 $(EXT2_DATA)/ext2-2k.img 16M
	$(EXT2_MKE2FS) -t ext3 -b 1024 $(EXT2_DATA)/ext3.img 16M
	$(EXT2_MKE2FS) -t ext4 -b 1024 -O ^has_journal,64bit $(EXT2_DATA)/ext4.img 16M
	$(EXT2_MKE2FS) -t ext4 -b 4096 -O ^has_journal,meta_bg,^resize_inode \
		$(EXT2_DATA)/ext4-metabg.img 16M
	$(EXT2_MKE2FS) -t ext4 -O ^has_journal,inline_data $(EXT2_DATA)/inline.img 16M
	@touch $@

$(EXT2_DATA)/paths.c: $(EXT2_DATA)/stamp
	echo 'const char ext2_data_dir[] = "$(abspath $(EXT2_DATA))";' > $@
