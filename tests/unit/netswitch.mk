# Host unit test of the virtual switches (bridge and hub policies, ports)
# and of the "net" command.
unit-tests += netswitch
netswitch-srcs := tests/unit/test_netswitch.c core/vio/netswitch.c core/vio/netswitch_bridge.c \
	core/vio/netswitch_hub.c commands/cmd_net.c core/shell/cmd.c
