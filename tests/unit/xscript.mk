unit-tests += xscript
xscript-srcs := tests/unit/test_xscript.c tests/unit/fake_cmds.c core/shell/xscript.c core/shell/cmd.c
