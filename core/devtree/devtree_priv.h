/*
 * Internals shared by the core/devtree*.c files: the live tree buffer, the
 * in-place growth used by property edits and the rebuild used by structural
 * edits.  Functions here expect the caller to hold the devtree lock.
 */
#ifndef DEVTREE_PRIV_H
#define DEVTREE_PRIV_H

#include <vmm/devtree.h>

struct devtree_state {
	void *blob;	/* writable FDT; totalsize == buffer size */
	int size;
};

extern struct devtree_state devtree_live;

/* Map a libfdt error to a negative errno. */
int devtree_errno(int fdt_err);

/* Double the buffer (fdt_open_into a larger allocation). */
int devtree_grow(void);

/*
 * One structural edit, performed by writing a fresh copy of the tree with
 * libfdt's sequential writer.  Every field is optional (-1 / NULL).
 */
struct devtree_rebuild {
	int skip;		/* node dropped with its subtree */
	int parent;		/* node that gets a new last child ... */
	const char *name;	/* ... with this name ... */
	const void *src;	/* ... copied from this blob (NULL: empty) ... */
	int src_node;		/* ... rooted at this node */
	int prop_node;		/* node that gets a new last property */
	const char *prop_name;
	const void *prop_data;
	int prop_len;
};

#define DEVTREE_REBUILD_INIT \
	{ .skip = -1, .parent = -1, .src_node = 0, .prop_node = -1 }

int devtree_rebuild(const struct devtree_rebuild *op);

/* Resolve an absolute path in the live tree (lock held). */
int devtree_resolve(const char *path);

/* malloc'd "<a>/<b>" (no doubled '/' when a is "/"), NULL on ENOMEM. */
char *devtree_join(const char *a, const char *b);

/* A valid new node name: non-empty, no '/', at most 255 characters. */
int devtree_name_ok(const char *name);

/*
 * Apply one "<alias>,<attr>,<type>,<value>" override to the tree loaded at
 * root_path (not locked: uses the public API).  Prints "Error: ..." for
 * a bad alias, node, type or value; never fails.
 */
void devtree_apply_override(const char *root_path, const char *ovr);

#endif
