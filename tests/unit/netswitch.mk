# Host unit test of the virtual switches (bridge and hub policies, ports)
# and of the "net" command.
unit-tests += netswitch
netswitch-srcs := tests/unit/test_netswitch.c core/netswitch.c core/netswitch_bridge.c \
	core/netswitch_hub.c commands/cmd_net.c core/cmd.c
