/*
 * Virtual filesystem: filesystem drivers, the mount table and a small
 * path-based file API.  Drivers register a struct vfs_fs with
 * VMM_FILESYSTEM; "vfs mount" tries them in ascending .order (cpio before
 * ext4).  A driver works on inode numbers inside its own superblock; the VFS
 * does path walking, mount-point crossing, "." / ".." and symlinks (at most
 * VFS_SYMLINK_MAX expansions).  Paths are absolute, at most VFS_PATH_MAX - 1
 * bytes.  Filesystems with write operations (ext2) can be changed:
 * create/write/truncate files, mkdir, rmdir, unlink, rename; others answer
 * -EROFS.  The caller serialises modifications (the shell is the only
 * writer).  A corrupt filesystem makes calls fail with -EIO (or
 * -EINVAL / -EUCLEAN style errors from the driver), never crash or hang.
 */
#ifndef VMM_VFS_H
#define VMM_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <vmm/blockdev.h>
#include <vmm/table.h>

#define VFS_PATH_MAX		256
#define VFS_NAME_MAX		255
#define VFS_SYMLINK_MAX		8
#define VFS_MOUNT_MAX		16

#define VFS_S_IFMT		0170000
#define VFS_S_IFDIR		0040000
#define VFS_S_IFREG		0100000
#define VFS_S_IFLNK		0120000
#define VFS_ISDIR(m)		(((m) & VFS_S_IFMT) == VFS_S_IFDIR)
#define VFS_ISREG(m)		(((m) & VFS_S_IFMT) == VFS_S_IFREG)
#define VFS_ISLNK(m)		(((m) & VFS_S_IFMT) == VFS_S_IFLNK)

struct vfs_stat {
	uint64_t dev;		/* which mount (equal ino and dev: the same file) */
	uint64_t ino;
	uint32_t mode;		/* POSIX type and permission bits */
	uint32_t nlink;
	uint64_t size;		/* bytes */
	int64_t mtime;		/* seconds since 1970-01-01 UTC */
};

/* Directory callback of a driver: return non-zero to stop the walk. */
typedef int (*vfs_filldir_t)(void *arg, const char *name, size_t namelen,
			     uint64_t ino);

struct vfs_fs {
	const char *name;
	int order;		/* mount try order, lowest first */
	/* Recognise and open the filesystem on bdev: 0 and *sb, -ENODEV if
	 * it is not this filesystem, another -errno if it is but unusable
	 * (the driver prints why). */
	int (*mount)(struct blockdev *bdev, void **sb);
	void (*unmount)(void *sb);
	uint64_t (*root)(void *sb);
	int (*stat)(void *sb, uint64_t ino, struct vfs_stat *st);
	/* Find name (namelen bytes, no '/') in directory dir: -ENOENT. */
	int (*lookup)(void *sb, uint64_t dir, const char *name, size_t namelen,
		      uint64_t *ino);
	int (*readdir)(void *sb, uint64_t dir, vfs_filldir_t fill, void *arg);
	/* Read up to len bytes at off: bytes read (0 at end) or -errno. */
	ssize_t (*read)(void *sb, uint64_t ino, uint64_t off, void *buf, size_t len);
	/* Symlink target into buf (not terminated): length or -errno. */
	ssize_t (*readlink)(void *sb, uint64_t ino, char *buf, size_t len);
	/*
	 * Modifications, all optional (NULL: the filesystem is read-only);
	 * a mount the driver can only read answers -EROFS.  Namespace
	 * changes are durable when they return; written data after sync.
	 */
	/* Create name in dir with mode (VFS_S_IFREG or VFS_S_IFDIR plus
	 * permissions): -EEXIST if it exists. */
	int (*create)(void *sb, uint64_t dir, const char *name, size_t namelen,
		      uint32_t mode, uint64_t *ino);
	/* Write len bytes at off of a regular file, growing it: bytes
	 * written (short only on error) or -errno. */
	ssize_t (*write)(void *sb, uint64_t ino, uint64_t off, const void *buf, size_t len);
	/* Set the size of a regular file (growing leaves a hole). */
	int (*truncate)(void *sb, uint64_t ino, uint64_t size);
	/* Remove name from dir: a non-directory (isdir false, else -EISDIR)
	 * or an empty directory (isdir true: -ENOTDIR, -ENOTEMPTY). */
	int (*remove)(void *sb, uint64_t dir, const char *name, size_t namelen, bool isdir);
	/* Move oname of odir to nname of ndir, replacing a file there (or an
	 * empty directory by a directory); -EINVAL to move a directory below
	 * itself. */
	int (*rename)(void *sb, uint64_t odir, const char *oname, size_t olen,
		      uint64_t ndir, const char *nname, size_t nlen);
	/* Make everything written so far durable. */
	int (*sync)(void *sb);
};

#define VMM_FILESYSTEM(var) static const struct vfs_fs var VMM_TABLE_ENTRY(vmm_filesystems)

/* Registered filesystems in try order: count and the idx-th (or NULL). */
int vfs_fs_count(void);
const struct vfs_fs *vfs_fs_get(int idx);

/*
 * Mount block device bdev at path, trying each filesystem in order.  path
 * must be "/" or an existing directory of a mounted filesystem.  On success
 * *fsname (if given) names the filesystem used.  -ENODEV if no block device
 * or no filesystem recognised it, -EBUSY if path is already a mount point,
 * the device is in use, or a disk or partition overlapping it is.
 */
int vfs_mount(const char *bdev, const char *path, const char **fsname);

/* Unmount the filesystem mounted exactly at path: -ENOENT, or -EBUSY if
 * files are open or other mounts live below it. */
int vfs_umount(const char *path);

struct vfs_mount_info {
	char path[VFS_PATH_MAX];
	const char *fs;
	const char *bdev;
};

/* idx-th mount, 0 or -ENOENT past the end. */
int vfs_mount_get(int idx, struct vfs_mount_info *info);

/* Open files (regular files only; -EISDIR for a directory). */
struct vfs_file;
int vfs_open(const char *path, struct vfs_file **file);
ssize_t vfs_read(struct vfs_file *file, void *buf, size_t len);
ssize_t vfs_pread(struct vfs_file *file, uint64_t off, void *buf, size_t len);
void vfs_fstat(struct vfs_file *file, struct vfs_stat *st);
void vfs_close(struct vfs_file *file);

/* Stat with (vfs_stat) or without (vfs_lstat) following a final symlink. */
int vfs_stat(const char *path, struct vfs_stat *st);
int vfs_lstat(const char *path, struct vfs_stat *st);

/* List directory path: cb gets each entry's name and lstat; non-zero from
 * cb stops the walk and is returned. */
typedef int (*vfs_dir_cb)(void *arg, const char *name, const struct vfs_stat *st);
int vfs_readdir(const char *path, vfs_dir_cb cb, void *arg);

/*
 * Read a whole regular file into a malloc'd buffer (NUL-terminated, *len
 * excludes the NUL).  -EFBIG if it is larger than max bytes.
 */
int vfs_read_file(const char *path, size_t max, char **buf, size_t *len);

/*
 * Modifications (core/fs/vfs_write.c): -EROFS on a read-only filesystem,
 * -ENOENT if path lies on no mounted filesystem or its directory does not
 * exist, -EBUSY on a mount point, -EXDEV to rename across mounts.  Each
 * returns once the change is durable.
 */
int vfs_mkdir(const char *path);
int vfs_rmdir(const char *path);
int vfs_unlink(const char *path);
int vfs_rename(const char *oldpath, const char *newpath);
/* Set the size of a regular file. */
int vfs_truncate(const char *path, uint64_t size);

/* Open a regular file for writing, creating it (mode 0644) if it does not
 * exist and emptying it if trunc; read it back with vfs_pread.  Its data
 * is durable once vfs_close returns. */
int vfs_open_write(const char *path, bool trunc, struct vfs_file **file);
/* Write len bytes at off: bytes written or -errno. */
ssize_t vfs_pwrite(struct vfs_file *file, uint64_t off, const void *buf, size_t len);
/* Close with a status: 0, or the error of making written data durable. */
int vfs_close_sync(struct vfs_file *file);

/* Sync every mounted filesystem (shutdown and reset call this): 0 or the
 * first error. */
int vfs_sync_all(void);

#endif
