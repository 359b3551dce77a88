# libFuzzer target over filesystem images: each input is mounted as a RAM
# block device (cpio, then ext4 are tried) and, if it mounts, the whole tree
# is walked and read.  Seed images (a genext2fs ext2, an mke2fs ext4 and a
# cpio archive, all tiny) are generated into the fuzzer's corpus directory
# at build time rather than committed.
fuzzers += ext2
ext2-fuzz-srcs = tests/fuzz/fuzz_ext2.c tests/unit/vfs_walk.c $(VFS_CORE_SRCS)
EXT2_SEEDS := $(BUILD)/fuzz/corpus-ext2

$(BUILD)/fuzz/ext2: $(EXT2_SEEDS)/.seeded

$(EXT2_SEEDS)/.seeded: tests/fuzz/ext2.mk tests/unit/ext2_staging.py
	@rm -rf $(EXT2_SEEDS)/tree && mkdir -p $(EXT2_SEEDS)/tree/sub
	@echo hello > $(EXT2_SEEDS)/tree/hello.txt
	@ln -s hello.txt $(EXT2_SEEDS)/tree/link
	@for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo $$i > $(EXT2_SEEDS)/tree/sub/f$$i; done
	@head -c 14000 /dev/zero | tr '\0' 'x' > $(EXT2_SEEDS)/tree/indirect
	genext2fs -B 1024 -b 64 -N 32 -m 0 -d $(EXT2_SEEDS)/tree $(EXT2_SEEDS)/seed-ext2.img
	mke2fs -q -F -t ext4 -O ^has_journal,^resize_inode -b 1024 -N 64 \
		-d $(EXT2_SEEDS)/tree $(EXT2_SEEDS)/seed-ext4.img 128K
	$(PYTHON) tests/unit/ext2_staging.py $(EXT2_SEEDS)/big-tree $(EXT2_SEEDS)/seed.cpio
	@rm -rf $(EXT2_SEEDS)/tree $(EXT2_SEEDS)/big-tree
	@touch $@
