unit-tests += bootargs
bootargs-srcs := tests/unit/test_bootargs.c tests/unit/fake_cmds.c core/shell/bootargs.c core/shell/cmd.c
