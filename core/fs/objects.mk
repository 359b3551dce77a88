vmm-objs-y += core/fs/blockdev.o
vmm-objs-y += core/fs/rbd.o
vmm-objs-y += core/fs/vfs.o
vmm-objs-y += core/fs/vfs_path.o
vmm-objs-y += core/fs/vfs_file.o
vmm-objs-y += core/fs/loadlist.o
vmm-objs-y += core/fs/blockdev_wait.o
vmm-objs-y += core/fs/partition.o
