# Host unit test of the goldfish RTC guest emulator.
unit-tests += goldfish_rtc_emu
goldfish_rtc_emu-srcs := tests/unit/test_goldfish_rtc_emu.c emulators/goldfish_rtc.c
