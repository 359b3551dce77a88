# libFuzzer target over guest configuration blobs: each input goes through
# devtree_guest_fdt_load() with the demo overrides; a load that succeeds
# is removed again, and the live tree must stay valid and unchanged.
# The compiled virt64 guest tree seeds the corpus.
fuzzers += guest_fdt
guest_fdt-fuzz-srcs = tests/fuzz/fuzz_guest_fdt.c $(devtree-core-srcs)

$(BUILD)/fuzz/guest_fdt: $(BUILD)/fuzz/corpus-guest_fdt/seed-virt64.dtb

$(BUILD)/fuzz/corpus-guest_fdt/seed-virt64.dtb: tests/riscv/virt64/virt64-guest.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<
