/*
 * Internals shared by the VFS files: the mount table entries, reference
 * counting of mounts (in-flight calls and open files keep a mount from
 * being unmounted), and path resolution to a (mount, inode) pair.
 */
#ifndef VFS_PRIV_H
#define VFS_PRIV_H

#include <stdbool.h>
#include <vmm/vfs.h>

struct vfs_mnt {
	char path[VFS_PATH_MAX];	/* canonical, "/" or "/a/b" */
	size_t pathlen;			/* 0 for "/" */
	const struct vfs_fs *fs;
	void *sb;
	struct blockdev *bdev;
	int users;
	bool used;
};

struct vfs_node {
	struct vfs_mnt *mnt;		/* referenced; release with vfs_mnt_put */
	uint64_t ino;
	struct vfs_stat st;
};

struct vfs_file {
	struct vfs_node node;
	uint64_t pos;
	bool written;			/* sync the filesystem at close */
};

/* Lexically canonicalise absolute path in (drop "", ".", resolve "..")
 * into out[VFS_PATH_MAX]: -EINVAL if relative, -ENAMETOOLONG. */
int vfs_canon(const char *in, char *out);

/* Mount holding canonical path cur (longest prefix), referenced; *rest is
 * the part of cur below the mount point.  NULL if nothing is mounted. */
struct vfs_mnt *vfs_mnt_find(const char *cur, const char **rest);
void vfs_mnt_put(struct vfs_mnt *mnt);

/* Is canonical path the mount point of some mount? */
bool vfs_is_mount_point(const char *canon);

/* Resolve path; follow decides whether a final symlink is followed. */
int vfs_resolve(const char *path, bool follow, struct vfs_node *node);

#endif
