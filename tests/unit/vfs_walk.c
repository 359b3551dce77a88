/*
 * Depth-first walk of a mounted VFS tree for tests and fuzzing: collects
 * each directory's entries, recurses into subdirectories (skipping "." and
 * "..", at most WALK_DEPTH levels) and reads every regular file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/vfs.h>
#include "vfs_walk.h"

#define WALK_DEPTH	8
#define WALK_ENTRIES	1024

struct walk_dir {
	int n;
	char (*names)[VFS_NAME_MAX + 1];
};

static int collect(void *arg, const char *name, const struct vfs_stat *st)
{
	struct walk_dir *d = arg;

	(void)st;
	if (d->n >= WALK_ENTRIES)
		return 1;
	strcpy(d->names[d->n++], name);
	return 0;
}

static void read_file(const char *path, size_t max_read, struct vfs_walk_stats *st)
{
	static char buf[4096];
	struct vfs_file *f;
	size_t done = 0;

	if (vfs_open(path, &f)) {
		st->errors++;
		return;
	}
	while (done < max_read) {
		ssize_t n = vfs_read(f, buf, sizeof(buf));

		if (n < 0)
			st->errors++;
		if (n <= 0)
			break;
		done += n;
	}
	st->bytes += done;
	vfs_close(f);
}

static void walk(const char *path, size_t max_read, struct vfs_walk_stats *st,
		 int depth)
{
	struct walk_dir d = { 0, malloc(WALK_ENTRIES * sizeof(*d.names)) };
	char *child = malloc(VFS_PATH_MAX * 2);

	st->dirs++;
	if (!d.names || !child || vfs_readdir(path, collect, &d) < 0)
		st->errors++;
	for (int i = 0; d.names && child && i < d.n; i++) {
		struct vfs_stat s;

		if (!strcmp(d.names[i], ".") || !strcmp(d.names[i], ".."))
			continue;
		snprintf(child, VFS_PATH_MAX * 2, "%s/%s", strcmp(path, "/") ? path : "",
			 d.names[i]);
		if (strlen(child) >= VFS_PATH_MAX || vfs_lstat(child, &s)) {
			st->errors++;
			continue;
		}
		if (VFS_ISLNK(s.mode)) {
			st->links++;
			if (vfs_stat(child, &s))
				continue;
		}
		if (VFS_ISDIR(s.mode) && depth < WALK_DEPTH) {
			walk(child, max_read, st, depth + 1);
		} else if (VFS_ISREG(s.mode)) {
			st->files++;
			read_file(child, max_read, st);
		}
	}
	free(child);
	free(d.names);
}

void vfs_walk(const char *path, size_t max_read, struct vfs_walk_stats *st)
{
	memset(st, 0, sizeof(*st));
	walk(path, max_read, st, 0);
}
