/*
 * The editing API of the live tree: properties are replaced in place
 * (growing the buffer when libfdt runs out of room) or appended through a
 * rebuild; nodes are added, copied, grafted and deleted through a rebuild.
 * Every function takes the devtree lock and works by absolute path.
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include "devtree_priv.h"

static int set_prop_locked(const char *path, const char *name, const void *data, int len)
{
	struct devtree_rebuild op = DEVTREE_REBUILD_INIT;
	int node, rc;

	node = devtree_resolve(path);
	if (node < 0)
		return node;
	if (!devtree_has_prop(node, name)) {
		op.prop_node = node;
		op.prop_name = name;
		op.prop_data = data;
		op.prop_len = len;
		return devtree_rebuild(&op);
	}
	while ((rc = fdt_setprop(devtree_live.blob, node, name, data, len)) == -FDT_ERR_NOSPACE) {
		rc = devtree_grow();
		if (rc)
			return rc;
	}
	return devtree_errno(rc);
}

int devtree_set_prop(const char *path, const char *name, const void *data, int len)
{
	int rc;

	if (!name || !*name || len < 0 || (len && !data))
		return -EINVAL;
	if (!len)
		data = "";
	devtree_lock();
	rc = set_prop_locked(path, name, data, len);
	devtree_unlock();
	return rc;
}

int devtree_set_prop_u32(const char *path, const char *name, uint32_t val)
{
	fdt32_t cell = cpu_to_fdt32(val);

	return devtree_set_prop(path, name, &cell, sizeof(cell));
}

int devtree_set_prop_u64(const char *path, const char *name, uint64_t val)
{
	fdt64_t cells = cpu_to_fdt64(val);

	return devtree_set_prop(path, name, &cells, sizeof(cells));
}

int devtree_set_prop_string(const char *path, const char *name, const char *val)
{
	return devtree_set_prop(path, name, val, strlen(val) + 1);
}

int devtree_del_prop(const char *path, const char *name)
{
	int node, rc;

	devtree_lock();
	node = devtree_resolve(path);
	rc = node < 0 ? node : devtree_errno(fdt_delprop(devtree_live.blob, node, name));
	devtree_unlock();
	return rc;
}

/* Append a child (empty, or a copy of src/src_node) under parent_path. */
static int add_child(const char *parent_path, const char *name, const void *src, int src_node)
{
	struct devtree_rebuild op = DEVTREE_REBUILD_INIT;

	if (!devtree_name_ok(name))
		return -EINVAL;
	op.parent = devtree_resolve(parent_path);
	if (op.parent < 0)
		return op.parent;
	if (devtree_subnode(op.parent, name) >= 0)
		return -EEXIST;
	op.name = name;
	op.src = src;
	op.src_node = src_node;
	return devtree_rebuild(&op);
}

int devtree_add_node(const char *parent_path, const char *name)
{
	int rc;

	devtree_lock();
	rc = add_child(parent_path, name, NULL, 0);
	devtree_unlock();
	return rc;
}

int devtree_del_node(const char *path)
{
	struct devtree_rebuild op = DEVTREE_REBUILD_INIT;
	int rc;

	devtree_lock();
	op.skip = devtree_resolve(path);
	if (op.skip == 0)
		rc = -EINVAL;
	else if (op.skip < 0)
		rc = op.skip;
	else
		rc = devtree_rebuild(&op);
	devtree_unlock();
	return rc;
}

int devtree_copy_node(const char *src_path, const char *dst_parent_path, const char *new_name)
{
	int src, rc;

	devtree_lock();
	src = devtree_resolve(src_path);
	if (src < 0)
		rc = src;
	else
		rc = add_child(dst_parent_path, new_name, devtree_live.blob, src);
	devtree_unlock();
	return rc;
}

int devtree_graft_blob(const char *parent_path, const char *name, const void *dtb, size_t len)
{
	int rc;

	if (devtree_check_blob(dtb, len))
		return -EINVAL;
	devtree_lock();
	rc = add_child(parent_path, name, dtb, 0);
	devtree_unlock();
	return rc;
}
