/*
 * VFS path handling: lexical canonicalisation of absolute paths and the
 * walk from a canonical path to a (mount, inode) pair, choosing the mount
 * by longest prefix and restarting from the top after each symlink
 * expansion (bounded by VFS_SYMLINK_MAX).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_priv.h"

int vfs_canon(const char *in, char *out)
{
	size_t o = 0;

	if (!in || in[0] != '/')
		return -EINVAL;
	while (*in) {
		const char *c;
		size_t n;

		while (*in == '/')
			in++;
		c = in;
		while (*in && *in != '/')
			in++;
		n = in - c;
		if (!n || (n == 1 && c[0] == '.'))
			continue;
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			continue;
		}
		if (n > VFS_NAME_MAX || o + 1 + n >= VFS_PATH_MAX)
			return -ENAMETOOLONG;
		out[o++] = '/';
		memcpy(out + o, c, n);
		o += n;
	}
	if (!o)
		out[o++] = '/';
	out[o] = '\0';
	return 0;
}

/*
 * Replace the symlink component [comp, comp + clen) of cur by its target
 * and canonicalise the result back into cur.
 */
static int expand_link(struct vfs_mnt *m, uint64_t ino, char *cur,
		       const char *comp, size_t clen)
{
	size_t head = comp - cur, tail = strlen(comp + clen);
	char *tmp = malloc(2 * VFS_PATH_MAX + 2);
	ssize_t tl;
	int rc;

	if (!tmp)
		return -ENOMEM;
	tl = m->fs->readlink(m->sb, ino, tmp + VFS_PATH_MAX, VFS_PATH_MAX);
	if (tl >= 0 && (tl == 0 || tl >= VFS_PATH_MAX))
		tl = tl ? -ENAMETOOLONG : -EIO;
	if (tl < 0) {
		free(tmp);
		return tl;
	}
	if (tmp[VFS_PATH_MAX] == '/')
		head = 0;
	memcpy(tmp, cur, head);
	memmove(tmp + head, tmp + VFS_PATH_MAX, tl);
	tmp[head + tl] = '/';
	memcpy(tmp + head + tl + 1, comp + clen, tail + 1);
	if (head == 0 && tmp[0] != '/')
		rc = -EINVAL;
	else
		rc = vfs_canon(tmp, cur);
	free(tmp);
	return rc;
}

/* Walk cur inside its mount.  Returns 0 with node filled, 1 if a symlink was
 * expanded into cur (walk again), or -errno. */
static int walk_once(char *cur, bool follow, struct vfs_node *node)
{
	const char *p;
	struct vfs_mnt *m = vfs_mnt_find(cur, &p);
	uint64_t ino;
	int rc;

	if (!m)
		return -ENOENT;
	ino = m->fs->root(m->sb);
	rc = m->fs->stat(m->sb, ino, &node->st);
	while (!rc) {
		const char *c;
		size_t n;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		if (!VFS_ISDIR(node->st.mode)) {
			rc = -ENOTDIR;
			break;
		}
		c = p;
		while (*p && *p != '/')
			p++;
		n = p - c;
		rc = m->fs->lookup(m->sb, ino, c, n, &ino);
		if (!rc)
			rc = m->fs->stat(m->sb, ino, &node->st);
		if (!rc && VFS_ISLNK(node->st.mode) && (*p || follow)) {
			rc = expand_link(m, ino, cur, c, n);
			if (!rc)
				rc = 1;
		}
	}
	if (rc) {
		vfs_mnt_put(m);
		return rc;
	}
	node->mnt = m;
	node->ino = ino;
	node->st.dev = (uintptr_t)m;
	return 0;
}

int vfs_resolve(const char *path, bool follow, struct vfs_node *node)
{
	char cur[VFS_PATH_MAX];
	int rc = vfs_canon(path, cur);

	for (int links = 0; !rc; links++) {
		if (links > VFS_SYMLINK_MAX)
			return -ELOOP;
		rc = walk_once(cur, follow, node);
		if (rc != 1)
			return rc;
		rc = 0;
	}
	return rc;
}
