# Host unit test of the ns16550a emulator: its 16550A register model and
# its glue to guests, device tree and vserial (all faked).
unit-tests += uart_emu
uart_emu-srcs := tests/unit/test_uart_emu.c emulators/uart8250.c emulators/uart8250_model.c
