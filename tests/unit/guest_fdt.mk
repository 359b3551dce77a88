# Host unit test of guest configuration loading (devtree_guest_fdt_load,
# devtree_fdt_load and overrides); shares the sources and test DTBs
# declared in devtree.mk.
unit-tests += guest_fdt
guest_fdt-srcs = tests/unit/test_guest_fdt.c $(devtree-test-srcs)

$(BUILD)/unit/guest_fdt: tests/unit/devtree_util.h tests/unit/capture.h
