# Host unit test of the blockdev, rbd and vfs shell commands (output
# formats, argument handling, what they pass to the device tree) over the
# genext2fs image of tests/unit/ext2.mk; guests are faked by a 4 KiB
# memory buffer.
unit-tests += cmd_vfs
cmd_vfs-srcs = tests/unit/test_cmd_vfs.c core/shell/cmd.c core/shell/xscript.c core/fs/loadlist.c \
	commands/cmd_echo.c commands/cmd_blockdev.c commands/cmd_rbd.c \
	commands/cmd_vfs.c commands/cmd_vfs_read.c commands/cmd_vfs_load.c \
	commands/cmd_vfs_fdt.c commands/cmd_vfs_write.c \
	libs/hash/block_hash.c libs/hash/md5.c libs/hash/sha256.c $(VFS_CORE_SRCS) $(EXT2_DATA)/paths.c
