# Test targets: host unit tests (ASan/UBSan), fuzzers, QEMU system tests and
# benchmarks.  Each unit test is declared by a fragment tests/unit/<name>.mk:
#	unit-tests += <name>
#	<name>-srcs := tests/unit/test_<name>.c core/<name>.c ...
# Fuzzers likewise in tests/fuzz/<name>.mk with fuzzers += / <name>-fuzz-srcs.

HOSTCC		?= gcc
HOST_CPPFLAGS	:= -Iinclude -Itests/unit -I$(LIBFDT_DIR) -DHOST_BUILD
UNIT_CFLAGS	:= -g -O1 -std=gnu11 -Wall -Wextra -Werror -fno-omit-frame-pointer \
		   -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS	?= 20

unit-tests :=
fuzzers :=
include $(wildcard tests/unit/*.mk tests/fuzz/*.mk tests/riscv/virt64/*.mk)

HOST_LIBFDT_OBJS := $(addprefix $(BUILD)/host/libfdt/,$(LIBFDT_SRCS:.c=.o))

$(BUILD)/host/libfdt/%.o: $(LIBFDT_DIR)/.complete
	@mkdir -p $(dir $@)
	$(HOSTCC) -g -O1 -fsanitize=address,undefined -I$(LIBFDT_DIR) -c $(LIBFDT_DIR)/$*.c -o $@

define unit_rule
$(BUILD)/unit/$(1): $$($(1)-srcs) tests/unit/host_stubs.c tests/unit/unit.h $(HOST_LIBFDT_OBJS)
	@mkdir -p $$(dir $$@)
	$(HOSTCC) $(HOST_CPPFLAGS) $(UNIT_CFLAGS) -o $$@ $$($(1)-srcs) tests/unit/host_stubs.c $(HOST_LIBFDT_OBJS)
endef
$(foreach t,$(unit-tests),$(eval $(call unit_rule,$(t))))

define fuzz_rule
$(BUILD)/fuzz/$(1): $$($(1)-fuzz-srcs) tests/unit/host_stubs.c $(LIBFDT_DIR)/.complete
	@mkdir -p $$(dir $$@)
	clang $(HOST_CPPFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -o $$@ \
		$$($(1)-fuzz-srcs) tests/unit/host_stubs.c $(addprefix $(LIBFDT_DIR)/,$(LIBFDT_SRCS))
endef
$(foreach t,$(fuzzers),$(eval $(call fuzz_rule,$(t))))

unit: $(addprefix $(BUILD)/unit/,$(unit-tests))
	@tests/unit/run.sh $^

# Bounded fuzz runs for make check; 'make fuzz FUZZ_SECONDS=600' runs longer.
fuzz: $(addprefix $(BUILD)/fuzz/,$(fuzzers))
	@for f in $(fuzzers); do \
		mkdir -p $(BUILD)/fuzz/corpus-$$f; \
		echo "fuzz: $$f for $(FUZZ_SECONDS)s"; \
		$(BUILD)/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=0 \
			$(BUILD)/fuzz/corpus-$$f $(wildcard tests/fuzz/seeds/$$f) >$(BUILD)/fuzz/$$f.log 2>&1 \
			|| { tail -n 40 $(BUILD)/fuzz/$$f.log; exit 1; }; \
	done

include tests/run.mk

# QEMU system tests; a subset with e.g. SYSTEST_ARGS='-k shell' or
# SYSTEST_ARGS='-m "not variant"'.  Console logs: $(BUILD)/test-logs/.
SYSTEST_ARGS	?=
# vmm.bin wrapped in an ELF that loads it 4 MiB above the reference address.
$(BUILD)/vmm-moved.elf: $(BUILD)/vmm.bin tests/boot/moved.lds
	$(Q)$(OBJCOPY) -I binary -O elf64-littleriscv -B riscv $< $(BUILD)/vmm-bin.o
	$(Q)$(CROSS_COMPILE)ld -m elf64lriscv -T tests/boot/moved.lds $(BUILD)/vmm-bin.o -o $@

systest: all disk $(BUILD)/vmm-moved.elf
	$(PYTHON) -m pytest -v -rs -p no:cacheprovider tests/system $(SYSTEST_ARGS)

# Size limits of docs/conventions.md.
limits:
	@scripts/check-limits.sh

check: setup
	$(MAKE) limits
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) fuzz
	$(MAKE) systest

bench: all disk
	$(PYTHON) tests/bench/bench.py
