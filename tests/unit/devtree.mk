# Host unit tests of the live device tree (devtree), guest configuration
# loading (guest_fdt) and the devtree command (cmd_devtree).  Test DTBs are
# compiled from tests/unit/data/*.dts and the virt64 guest tree into
# $(BUILD)/unit/devtree-data and embedded in dtbs.c (tests/unit/dtbs2c.py).
unit-tests += devtree
devtree-core-srcs = core/devtree/devtree.c core/devtree/devtree_read.c core/devtree/devtree_edit.c \
	core/devtree/devtree_rebuild.c core/devtree/devtree_attr.c core/devtree/devtree_override.c \
	core/devtree/devtree_load.c core/devtree/devtree_host.c
devtree-test-srcs = $(devtree-core-srcs) $(BUILD)/unit/devtree-data/dtbs.c
devtree-srcs = tests/unit/test_devtree.c $(devtree-test-srcs)
DEVTREE_TEST_DTBS := $(addprefix $(BUILD)/unit/devtree-data/,devtree-host.dtb \
	guest-notemplate.dtb guest-hasvcpus.dtb virt64-guest.dtb)

$(BUILD)/unit/devtree-data/%.dtb: tests/unit/data/%.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

$(BUILD)/unit/devtree-data/virt64-guest.dtb: tests/riscv/virt64/virt64-guest.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

$(BUILD)/unit/devtree-data/dtbs.c: $(DEVTREE_TEST_DTBS) tests/unit/dtbs2c.py
	$(PYTHON) tests/unit/dtbs2c.py $(DEVTREE_TEST_DTBS) > $@

$(BUILD)/unit/devtree: tests/unit/devtree_util.h
