# Host unit test of the emulated IMSIC interrupt file (vIMSIC without a
# hardware guest file).
unit-tests += vimsic
vimsic-srcs := tests/unit/test_vimsic.c emulators/imsic_file.c
