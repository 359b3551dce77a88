# libFuzzer target of the ext2 writer on corrupted images: each input is
# mounted as a RAM disk and, if the writer accepts it, changed (mkdir,
# create and write, rename, truncate, unlink, rmdir), unmounted, mounted
# again and walked.  Seeds are tiny mke2fs and genext2fs images generated
# at build time.
fuzzers += ext2_write
ext2_write-fuzz-srcs = tests/fuzz/fuzz_ext2_write.c tests/unit/vfs_walk.c $(VFS_CORE_SRCS)
EXT2W_SEEDS := $(BUILD)/fuzz/corpus-ext2_write

$(BUILD)/fuzz/ext2_write: $(EXT2W_SEEDS)/.seeded

$(EXT2W_SEEDS)/.seeded: tests/fuzz/ext2_write.mk
	@rm -rf $(EXT2W_SEEDS)/tree && mkdir -p $(EXT2W_SEEDS)/tree/sub
	@echo hello > $(EXT2W_SEEDS)/tree/hello.txt
	@head -c 14000 /dev/zero | tr '\0' 'x' > $(EXT2W_SEEDS)/tree/sub/indirect
	genext2fs -B 1024 -b 96 -N 32 -m 0 -d $(EXT2W_SEEDS)/tree $(EXT2W_SEEDS)/seed-gen.img
	mke2fs -q -F -t ext2 -O ^resize_inode -b 1024 -N 32 -m 0 \
		-d $(EXT2W_SEEDS)/tree $(EXT2W_SEEDS)/seed-mke2fs.img 128K
	@rm -rf $(EXT2W_SEEDS)/tree
	@touch $@
