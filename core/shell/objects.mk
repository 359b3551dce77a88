vmm-objs-y += core/shell/cmd.o
vmm-objs-y += core/shell/lineedit.o
vmm-objs-y += core/shell/xscript.o
vmm-objs-y += core/shell/bootargs.o
vmm-objs-y += core/shell/shell.o
