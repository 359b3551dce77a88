# Host unit test of vserial ports, their console decoration and the
# vserial command.
unit-tests += vserial
vserial-srcs := tests/unit/test_vserial.c core/vserial.c core/vserial_term.c \
	commands/cmd_vserial.c core/cmd.c
