/*
 * Structural edits of the live tree.  libfdt inserts new nodes and
 * properties before their existing siblings, so adding, copying, grafting,
 * deleting nodes and appending properties are all done by writing a fresh
 * copy of the tree with the sequential writer, dropping or appending as it
 * goes, and swapping buffers.  A copy reads from the old buffer, so a node
 * can be copied anywhere, even under itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <libfdt.h>
#include "devtree_priv.h"

#define DEVTREE_REBUILD_SLACK	4096	/* free space left for in-place edits */

static int emit_node(void *out, const void *in, int node, const char *name,
		     const struct devtree_rebuild *op, int live);

static int emit_props(void *out, const void *in, int node)
{
	const char *pname;
	const void *val;
	int p, len, rc;

	fdt_for_each_property_offset(p, in, node) {
		val = fdt_getprop_by_offset(in, p, &pname, &len);
		if (!val)
			return len;
		rc = fdt_property(out, pname, val, len);
		if (rc)
			return rc;
	}
	return p == -FDT_ERR_NOTFOUND ? 0 : p;
}

static int emit_children(void *out, const void *in, int node, const struct devtree_rebuild *op,
			 int live)
{
	int child, rc;

	fdt_for_each_subnode(child, in, node) {
		if (live && child == op->skip)
			continue;
		rc = emit_node(out, in, child, fdt_get_name(in, child, NULL), op, live);
		if (rc)
			return rc;
	}
	return child == -FDT_ERR_NOTFOUND ? 0 : child;
}

static int emit_node(void *out, const void *in, int node, const char *name,
		     const struct devtree_rebuild *op, int live)
{
	int rc;

	if (!name)
		return -FDT_ERR_BADSTRUCTURE;
	rc = fdt_begin_node(out, name);
	if (!rc)
		rc = emit_props(out, in, node);
	if (!rc && live && node == op->prop_node)
		rc = fdt_property(out, op->prop_name, op->prop_data, op->prop_len);
	if (!rc)
		rc = emit_children(out, in, node, op, live);
	if (!rc && live && node == op->parent) {
		if (op->src) {
			rc = emit_node(out, op->src, op->src_node, op->name, op, 0);
		} else {
			rc = fdt_begin_node(out, op->name);
			if (!rc)
				rc = fdt_end_node(out);
		}
	}
	return rc ? rc : fdt_end_node(out);
}

static int emit_tree(void *out, int size, const struct devtree_rebuild *op)
{
	const void *in = devtree_live.blob;
	uint64_t addr, len;
	int i, n, rc;

	rc = fdt_create(out, size);
	n = fdt_num_mem_rsv(in);
	for (i = 0; !rc && i < n; i++) {
		rc = fdt_get_mem_rsv(in, i, &addr, &len);
		if (!rc)
			rc = fdt_add_reservemap_entry(out, addr, len);
	}
	if (!rc)
		rc = fdt_finish_reservemap(out);
	if (!rc)
		rc = emit_node(out, in, 0, "", op, 1);
	if (!rc)
		rc = fdt_finish(out);
	if (!rc)
		fdt_set_boot_cpuid_phys(out, fdt_boot_cpuid_phys(in));
	if (!rc)
		rc = fdt_open_into(out, out, size);
	return rc;
}

/* Bytes a tree really occupies (its strings block comes last). */
static int used_size(const void *fdt)
{
	return fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt);
}

int devtree_rebuild(const struct devtree_rebuild *op)
{
	int size = used_size(devtree_live.blob) + DEVTREE_REBUILD_SLACK + op->prop_len;
	void *out;
	int rc;

	if (op->src)
		size += used_size(op->src);
	for (;;) {
		out = malloc(size);
		if (!out)
			return -ENOMEM;
		rc = emit_tree(out, size, op);
		if (rc != -FDT_ERR_NOSPACE)
			break;
		free(out);
		size *= 2;
	}
	if (rc) {
		free(out);
		return devtree_errno(rc);
	}
	free(devtree_live.blob);
	devtree_live.blob = out;
	devtree_live.size = size;
	return 0;
}
