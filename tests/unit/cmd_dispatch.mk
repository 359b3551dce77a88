# Host unit test of the subcommand dispatcher of core/shell/cmd.c: matching
# one- and two-word subcommands, argument counts, "<cmd> help", and the
# usage printed from the same table.
unit-tests += cmd_dispatch
cmd_dispatch-srcs := tests/unit/test_cmd_dispatch.c core/shell/cmd.c
