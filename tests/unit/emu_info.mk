# Host unit test of the vminfo, simplefb and zero emulators.
unit-tests += emu_info
emu_info-srcs := tests/unit/test_emu_info.c emulators/vminfo.c emulators/simplefb.c emulators/zero.c
