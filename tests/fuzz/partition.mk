# libFuzzer target of the MBR/GPT parser (core/fs/partition_table.c): the
# input is a disk in RAM; every partition reported must lie inside it.
# Seeds: an MBR and a GPT disk made by sfdisk at build time.
fuzzers += partition
partition-fuzz-srcs = tests/fuzz/fuzz_partition.c core/fs/partition_table.c \
	core/fs/blockdev.c core/fs/rbd.c
PART_SEEDS := $(BUILD)/fuzz/corpus-partition

$(BUILD)/fuzz/partition: $(PART_SEEDS)/.seeded

$(PART_SEEDS)/.seeded: tests/fuzz/partition.mk
	@mkdir -p $(PART_SEEDS)
	truncate -s 64K $(PART_SEEDS)/seed-mbr.img $(PART_SEEDS)/seed-gpt.img
	printf 'label: dos\nstart=1,size=20,type=83\nstart=30,size=40,type=83\n' | \
		sfdisk -q $(PART_SEEDS)/seed-mbr.img
	printf 'label: gpt\nfirst-lba: 34\nstart=34,size=20\nstart=60,size=30\n' | \
		sfdisk -q $(PART_SEEDS)/seed-gpt.img
	@touch $@
