# The virt64 basic firmware (guest code) is built by its own Makefile with
# the guest toolchain flags; this fragment hooks it into the top level as
# `make firmware` (also part of `make all`): $(BUILD)/basic/firmware.bin.
BASIC_FW_BIN := $(BUILD)/basic/firmware.bin

firmware: $(LIBFDT_DIR)/.complete
	$(MAKE) -C tests/riscv/virt64/basic O=$(abspath $(BUILD))/basic \
		LIBFDT_DIR=$(LIBFDT_DIR) CROSS_COMPILE=$(CROSS_COMPILE)

all: firmware
