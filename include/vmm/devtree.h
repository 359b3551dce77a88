/*
 * The live device tree: the one source of run-time configuration.  It is a
 * single writable flattened tree (libfdt format) in a heap buffer that
 * starts as a copy of the host FDT and grows on demand; guests live under
 * /guests/<name>.
 *
 * Offsets: readers use libfdt offsets into devtree_blob().  Any edit may
 * move nodes and reallocate the buffer, so offsets, property pointers and
 * the blob pointer itself are valid only until the next edit; edits
 * therefore take absolute paths and callers re-resolve after editing.  A
 * reader on another thread that must not see an edit half-way brackets its
 * reads with devtree_lock()/devtree_unlock() (never calling an edit
 * function in between: edits take the same lock).
 *
 * Order: new nodes and new properties are appended after their existing
 * siblings, so a tree prints in the order it was built.
 *
 * 64-bit values (u64, physaddr, physsize, virtaddr, virtsize) are read
 * from one or two big-endian cells: <0x80000000> == <0x0 0x80000000>.
 * Errors are negative errno values: -ENOENT (no such node or property),
 * -EEXIST, -EINVAL (bad path, name, length or blob), -ENOMEM.
 */
#ifndef VMM_DEVTREE_H
#define VMM_DEVTREE_H

#include <stddef.h>
#include <stdint.h>

#define DEVTREE_GUESTS_NAME	"guests"
#define DEVTREE_GUESTS_PATH	"/" DEVTREE_GUESTS_NAME
#define DEVTREE_MAX_VCPUS	64	/* per guest, for guest_fdt_load */

/* ---- Life cycle and raw access ---- */

/* Copy the host FDT into the live tree (replacing any previous tree) and
 * make sure /guests exists. */
int devtree_init(const void *host_fdt);

/* The live tree for read-only libfdt use; see the validity rule above. */
const void *devtree_blob(void);

void devtree_lock(void);
void devtree_unlock(void);

/* Check that len bytes at dtb hold a complete, well-formed FDT.  Returns 0
 * or a negative libfdt error (-FDT_ERR_*; name it with fdt_strerror()). */
int devtree_check_blob(const void *dtb, size_t len);

/* ---- Reading (node = offset in devtree_blob()) ---- */

/* Offset of an absolute path, -EINVAL if path is not absolute, -ENOENT. */
int devtree_path_offset(const char *path);
/* The node's name ("" for the root) or NULL on a bad offset. */
const char *devtree_node_name(int node);
/* Offset of the named direct child of parent, or -ENOENT. */
int devtree_subnode(int parent, const char *name);
/* Number of direct children of node. */
int devtree_child_count(int node);
/* Number of nodes in the subtree rooted at node, node included. */
int devtree_node_count(int node);

/* Iterate over the direct children of parent (libfdt offsets). */
#define devtree_for_each_child(child, parent) \
	for ((child) = devtree_first_child(parent); (child) >= 0; \
	     (child) = devtree_next_child(child))
int devtree_first_child(int parent);
int devtree_next_child(int child);

/* 1 if node has the property, else 0. */
int devtree_has_prop(int node, const char *name);
/* Raw value and its length (in *len, may be NULL); NULL if absent. */
const void *devtree_read_prop(int node, const char *name, int *len);
/* One cell (the property must be exactly 4 bytes). */
int devtree_read_u32(int node, const char *name, uint32_t *out);
/* One or two cells. */
int devtree_read_u64(int node, const char *name, uint64_t *out);
/* A NUL-terminated string property, or NULL. */
const char *devtree_read_string(int node, const char *name);
/* Entry idx of a string list property, or NULL. */
const char *devtree_read_string_index(int node, const char *name, int idx);
/* Up to max cells into out; returns the number of cells in the property
 * (which may exceed max) or a negative errno. */
int devtree_read_u32_array(int node, const char *name, uint32_t *out, int max);
/* 1 if the node has no status or status "okay"/"ok", else 0. */
int devtree_node_available(int node);

/* Path-based forms of the common readers. */
int devtree_path_read_u32(const char *path, const char *name, uint32_t *out);
int devtree_path_read_u64(const char *path, const char *name, uint64_t *out);
const char *devtree_path_read_string(const char *path, const char *name);

/* ---- Host helpers ---- */

/* /chosen/bootargs, or NULL. */
const char *devtree_chosen_bootargs(void);
/* /chosen/linux,initrd-start and -end; 0 or -ENOENT. */
int devtree_chosen_initrd(uint64_t *start, uint64_t *end);
/*
 * Call fn for every available /cpus child with device_type "cpu", passing
 * its offset and its reg (the hart id).  Stops at and returns the first
 * non-zero value fn returns; else returns the number of cpus visited.  fn
 * must not edit the tree.
 */
int devtree_for_each_cpu(int (*fn)(int node, uint64_t hartid, void *arg), void *arg);

/* ---- Editing (by absolute path; takes the lock) ---- */

/* Create or replace a property (len 0: an empty flag property). */
int devtree_set_prop(const char *path, const char *name, const void *data, int len);
int devtree_set_prop_u32(const char *path, const char *name, uint32_t val);
int devtree_set_prop_u64(const char *path, const char *name, uint64_t val);	/* 2 cells */
int devtree_set_prop_string(const char *path, const char *name, const char *val);
int devtree_del_prop(const char *path, const char *name);
/* Add an empty node name under parent_path; -EEXIST if it exists. */
int devtree_add_node(const char *parent_path, const char *name);
/* Remove a node and its subtree (not the root). */
int devtree_del_node(const char *path);
/* Deep copy src_path as dst_parent_path/new_name (source may be anywhere,
 * even an ancestor of the destination). */
int devtree_copy_node(const char *src_path, const char *dst_parent_path, const char *new_name);
/* Unflatten a separate DTB as parent_path/name: its root's properties and
 * children become the new node's.  -EINVAL if the DTB is malformed. */
int devtree_graft_blob(const char *parent_path, const char *name, const void *dtb, size_t len);

/* ---- Attribute types of the devtree command and of overrides ---- */

enum devtree_attr_type {
	DEVTREE_ATTR_UNKNOWN,
	DEVTREE_ATTR_STRING,
	DEVTREE_ATTR_BYTES,
	DEVTREE_ATTR_UINT32,
	DEVTREE_ATTR_UINT64,
	DEVTREE_ATTR_PHYSADDR,
	DEVTREE_ATTR_PHYSSIZE,
	DEVTREE_ATTR_VIRTADDR,
	DEVTREE_ATTR_VIRTSIZE,
};

/* Type from its name ("string", "uint32", ...), or -EINVAL. */
int devtree_attr_type_parse(const char *name);
/*
 * Encode nvals values of a type into a malloc'd property value (*data,
 * *len; *data may be NULL when *len is 0): strings NUL-terminated one
 * after the other, bytes one byte each, uint32 one cell each, the 64-bit
 * types two cells each, unknown nothing.  Numbers are C-style (0x hex,
 * leading 0 octal, else decimal).  -EINVAL/-ERANGE on a bad number.
 */
int devtree_attr_encode(int type, char *const *vals, int nvals, void **data, int *len);

/* ---- Guest configuration loading (prints its own error lines) ---- */

/*
 * Unflatten dtb as parent_path/name, then apply the overrides
 * "<alias>,<attr>,<type>,<value>" in order through the loaded tree's own
 * aliases node (see docs/guest-config.md).  Override errors print
 * "Error: ..." and are not fatal.  Prints
 * "Devtree path <parent>/<name> already exist." and returns -EEXIST if the
 * node exists; a malformed DTB prints one error and leaves nothing behind.
 */
int devtree_fdt_load(const char *parent_path, const char *name, const void *dtb, size_t len,
		     int novr, char **ovr);

/*
 * devtree_fdt_load() under /guests (created if missing), then create
 * vcpus/vcpu0..vcpu<N-1> as deep copies of vcpu_template and drop
 * "poweroff" from vcpu0.  vcpus must be 1..DEVTREE_MAX_VCPUS.  On failure
 * after the load the new guest node is removed again.
 */
int devtree_guest_fdt_load(const char *guest, const void *dtb, size_t len, unsigned long vcpus,
			   int novr, char **ovr);

#endif
