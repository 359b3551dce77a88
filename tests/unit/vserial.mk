# Host unit test of vserial ports, their console decoration and the
# vserial command.
unit-tests += vserial
vserial-srcs := tests/unit/test_vserial.c core/vio/vserial.c core/registry.c core/vio/vserial_term.c \
	commands/cmd_vserial.c core/shell/cmd.c
