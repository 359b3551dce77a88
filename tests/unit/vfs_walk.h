/*
 * Test helper shared by the ext2 unit test and the ext2 fuzzer: walk a
 * mounted tree depth-first (bounded depth), stat every entry and read the
 * first bytes of every regular file, so that every driver path runs.
 */
#ifndef VFS_WALK_H
#define VFS_WALK_H

#include <stddef.h>

struct vfs_walk_stats {
	int dirs;
	int files;
	int links;
	int errors;
	size_t bytes;
};

/* Walk from path (a directory) reading at most max_read bytes per file. */
void vfs_walk(const char *path, size_t max_read, struct vfs_walk_stats *st);

#endif
