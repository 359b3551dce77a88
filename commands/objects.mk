vmm-objs-y += commands/cmd_help.o
vmm-objs-y += commands/cmd_echo.o
