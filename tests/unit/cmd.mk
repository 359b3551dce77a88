unit-tests += cmd
cmd-srcs := tests/unit/test_cmd.c core/cmd.c commands/cmd_help.c commands/cmd_echo.c
