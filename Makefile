# Top-level build of the hypervisor image, its guest-side firmware, the
# disk image and the tests.  Objects come from the objects.mk files of each
# source folder (vmm-objs-y / vmm-objs-$(CONFIG_X)); nothing central needs
# editing to add a file.

ARCH		?= riscv
CROSS_COMPILE	?= riscv64-unknown-elf-
PYTHON		?= /usr/bin/python3
CACHE_DIR	?= $(HOME)/.cache/rvhv
LIBFDT_DIR	?= $(CACHE_DIR)/libfdt
BUILD		?= build
KCONFIG_CONFIG	?= .config
QEMU		?= qemu-system-riscv64
export CACHE_DIR LIBFDT_DIR PYTHON

CC		:= $(CROSS_COMPILE)gcc
OBJCOPY		:= $(CROSS_COMPILE)objcopy
NM		:= $(CROSS_COMPILE)nm
KCONFIG_PY	:= /usr/lib/python3/dist-packages

VERSION_GIT	:= $(shell git describe --always --dirty 2>/dev/null || echo unknown)

SRC_DIRS	:= arch/$(ARCH) core drivers emulators commands libs

# The configuration is an included makefile that make knows how to remake
# (the $(KCONFIG_CONFIG) rule below): on a fresh clone make generates it,
# restarts, and so sees every CONFIG_ option before it lists the objects.
# Goals that only manage the configuration or the tree do not need it.
CONFIG_FREE_GOALS := clean distclean setup limits menuconfig savedefconfig %-defconfig %_defconfig
ifneq ($(MAKECMDGOALS),)
ifeq ($(filter-out $(CONFIG_FREE_GOALS),$(MAKECMDGOALS)),)
SKIP_CONFIG := 1
endif
endif
ifeq ($(SKIP_CONFIG),)
include $(KCONFIG_CONFIG)
endif

vmm-objs-y :=
include $(sort $(shell find $(SRC_DIRS) -name objects.mk 2>/dev/null))

VMM_OBJS	:= $(addprefix $(BUILD)/,$(vmm-objs-y))
LIBFDT_SRCS	:= fdt.c fdt_ro.c fdt_rw.c fdt_wip.c fdt_sw.c fdt_strerror.c \
		   fdt_addresses.c fdt_empty_tree.c
LIBFDT_OBJS	:= $(addprefix $(BUILD)/libfdt/,$(LIBFDT_SRCS:.c=.o))

ARCH_CFLAGS	:= -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
CPPFLAGS	:= -Iinclude -Iarch/$(ARCH)/include -I$(BUILD)/include -I$(LIBFDT_DIR) \
		   -DVMM_VERSION_GIT='"$(VERSION_GIT)"'
CFLAGS		:= --specs=picolibc.specs $(ARCH_CFLAGS) -O2 -g -std=gnu11 \
		   -Wall -Wextra -Werror \
		   -fno-stack-protector -ffunction-sections -fdata-sections \
		   -MMD -MP
LDFLAGS		:= --specs=picolibc.specs --picolibc-buildtype=release -march=rv64imac -mabi=lp64 -mcmodel=medany -nostartfiles \
		   -Wl,--no-dynamic-linker -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		   -T arch/$(ARCH)/vmm.lds

.PHONY: all setup defconfig menuconfig savedefconfig firmware disk run check limits unit \
	systest bench fuzz clean distclean

all: $(BUILD)/vmm.bin

setup:
	@scripts/setup.sh

%-defconfig %_defconfig:
	@mkdir -p $(BUILD)
	KCONFIG_CONFIG=$(KCONFIG_CONFIG) $(PYTHON) $(KCONFIG_PY)/defconfig.py \
		--kconfig Kconfig configs/$@

menuconfig:
	KCONFIG_CONFIG=$(KCONFIG_CONFIG) $(PYTHON) $(KCONFIG_PY)/menuconfig.py Kconfig

savedefconfig:
	KCONFIG_CONFIG=$(KCONFIG_CONFIG) $(PYTHON) $(KCONFIG_PY)/savedefconfig.py \
		--kconfig Kconfig --out $(BUILD)/defconfig

# A fresh clone: install what is missing (kconfiglib included) first, then
# the default configuration.  A Kconfig newer than the configuration: keep
# its choices and give new options their defaults (olddefconfig).
$(KCONFIG_CONFIG): Kconfig
	@if [ -f $@ ]; then \
		KCONFIG_CONFIG=$@ $(PYTHON) $(KCONFIG_PY)/olddefconfig.py Kconfig && touch $@; \
	else \
		scripts/setup.sh && $(MAKE) --no-print-directory generic-64b-defconfig; \
	fi

$(BUILD)/include/autoconf.h: $(KCONFIG_CONFIG) Kconfig
	@mkdir -p $(dir $@)
	KCONFIG_CONFIG=$(KCONFIG_CONFIG) $(PYTHON) $(KCONFIG_PY)/genconfig.py \
		--header-path $@ Kconfig
	@touch $@

$(LIBFDT_DIR)/.complete:
	@scripts/setup.sh

ifeq ($(V),1)
Q :=
E := @true
else
Q := @
E := @echo
endif

$(BUILD)/libfdt/%.o: $(LIBFDT_DIR)/.complete
	@mkdir -p $(dir $@)
	$(E) "  CC      libfdt/$*.c"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-sign-compare -c $(LIBFDT_DIR)/$*.c -o $@

$(BUILD)/%.o: %.c $(BUILD)/include/autoconf.h $(LIBFDT_DIR)/.complete Makefile
	@mkdir -p $(dir $@)
	$(E) "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S $(BUILD)/include/autoconf.h Makefile
	@mkdir -p $(dir $@)
	$(E) "  AS      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -D__ASSEMBLY__ -c $< -o $@

# Two links: the first keeps its relocations so scripts/relocs.py can list
# the absolute words; the second adds that list after all the words it names.
$(BUILD)/vmm.elf: $(VMM_OBJS) $(LIBFDT_OBJS) arch/$(ARCH)/vmm.lds scripts/relocs.py
	$(E) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -Wl,--emit-relocs -o $(BUILD)/vmm.pass1.elf $(VMM_OBJS) $(LIBFDT_OBJS)
	$(Q)$(PYTHON) scripts/relocs.py $(BUILD)/vmm.pass1.elf $(BUILD)/relocs.S
	$(Q)$(CC) $(CFLAGS) -D__ASSEMBLY__ -c $(BUILD)/relocs.S -o $(BUILD)/relocs.o
	$(Q)$(CC) $(LDFLAGS) -o $@ $(VMM_OBJS) $(BUILD)/relocs.o $(LIBFDT_OBJS) -Wl,-Map=$(BUILD)/vmm.map
	$(Q)$(NM) -n $@ > $(BUILD)/System.map

$(BUILD)/vmm.bin: $(BUILD)/vmm.elf
	$(Q)$(OBJCOPY) -O binary $< $@
	@echo "vmm.bin: $$(stat -c %s $@) bytes"

-include $(VMM_OBJS:.o=.d)

include tests/tests.mk

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -f $(KCONFIG_CONFIG) $(KCONFIG_CONFIG).old
