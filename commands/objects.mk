vmm-objs-y += commands/cmd_help.o
vmm-objs-y += commands/cmd_echo.o
vmm-objs-y += commands/cmd_blockdev.o
vmm-objs-y += commands/cmd_rbd.o
vmm-objs-y += commands/cmd_vfs.o
vmm-objs-y += commands/cmd_vfs_read.o
vmm-objs-y += commands/cmd_vfs_load.o
vmm-objs-y += commands/cmd_shmem.o
