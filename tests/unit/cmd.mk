unit-tests += cmd
cmd-srcs := tests/unit/test_cmd.c tests/unit/fake_cmds.c core/shell/cmd.c commands/cmd_help.c commands/cmd_echo.c
