/*
 * Subcommands of the "vfs" command, split over cmd_vfs.c (mounts and
 * modifications), cmd_vfs_read.c (ls, cat, digests, run), cmd_vfs_load.c
 * (loading files into host or guest memory), cmd_vfs_write.c (cp, write,
 * truncate, sync) and cmd_vfs_fdt.c (loading
 * DTBs into the device tree).  Each
 * handler gets the full argv ("vfs", subcommand, arguments...), already
 * checked against the subcommand's argument count.
 */
#ifndef CMD_VFS_H
#define CMD_VFS_H

int cmd_vfs_ls(int argc, char **argv);
int cmd_vfs_cat(int argc, char **argv);
int cmd_vfs_md5(int argc, char **argv);
int cmd_vfs_sha256(int argc, char **argv);
int cmd_vfs_run(int argc, char **argv);
int cmd_vfs_host_load(int argc, char **argv);
int cmd_vfs_host_load_list(int argc, char **argv);
int cmd_vfs_fdt_load(int argc, char **argv);
int cmd_vfs_guest_fdt_load(int argc, char **argv);
int cmd_vfs_guest_load(int argc, char **argv);
int cmd_vfs_guest_load_list(int argc, char **argv);
int cmd_vfs_cp(int argc, char **argv);
int cmd_vfs_write(int argc, char **argv);
int cmd_vfs_truncate(int argc, char **argv);
int cmd_vfs_sync(int argc, char **argv);

#endif
