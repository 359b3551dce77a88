vmm-objs-$(CONFIG_FS_EXT2) += libs/fs/ext2_super.o
vmm-objs-$(CONFIG_FS_EXT2) += libs/fs/ext2_inode.o
vmm-objs-$(CONFIG_FS_EXT2) += libs/fs/ext2_extent.o
vmm-objs-$(CONFIG_FS_EXT2) += libs/fs/ext2_dir.o
vmm-objs-$(CONFIG_FS_EXT2) += libs/fs/ext2_vfs.o
vmm-objs-$(CONFIG_FS_CPIO) += libs/fs/cpio.o
vmm-objs-y += libs/hash/md5.o
vmm-objs-y += libs/hash/sha256.o
