# Host unit test of the vAPLIC (MSI mode) guest emulator.
unit-tests += vaplic
vaplic-srcs := tests/unit/test_vaplic.c emulators/aplic.c core/guest/emulator.c
