/*
 * Readers of the live tree: nodes by offset or path, children, and typed
 * property getters (64-bit values from one or two cells).
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include "devtree_priv.h"

const char *devtree_node_name(int node)
{
	return fdt_get_name(devtree_live.blob, node, NULL);
}

int devtree_subnode(int parent, const char *name)
{
	int off = fdt_subnode_offset(devtree_live.blob, parent, name);

	return off >= 0 ? off : devtree_errno(off);
}

int devtree_first_child(int parent)
{
	return fdt_first_subnode(devtree_live.blob, parent);
}

int devtree_next_child(int child)
{
	return fdt_next_subnode(devtree_live.blob, child);
}

int devtree_child_count(int node)
{
	int child, n = 0;

	devtree_for_each_child(child, node)
		n++;
	return n;
}

int devtree_node_count(int node)
{
	int child, n = 1;

	devtree_for_each_child(child, node)
		n += devtree_node_count(child);
	return n;
}

const void *devtree_read_prop(int node, const char *name, int *len)
{
	return fdt_getprop(devtree_live.blob, node, name, len);
}

int devtree_has_prop(int node, const char *name)
{
	return devtree_read_prop(node, name, NULL) != NULL;
}

int devtree_read_u32(int node, const char *name, uint32_t *out)
{
	int len;
	const fdt32_t *v = devtree_read_prop(node, name, &len);

	if (!v)
		return -ENOENT;
	if (len != sizeof(*v))
		return -EINVAL;
	*out = fdt32_to_cpu(*v);
	return 0;
}

int devtree_read_u64(int node, const char *name, uint64_t *out)
{
	int len;
	const fdt32_t *v = devtree_read_prop(node, name, &len);

	if (!v)
		return -ENOENT;
	if (len == 4)
		*out = fdt32_to_cpu(v[0]);
	else if (len == 8)
		*out = ((uint64_t)fdt32_to_cpu(v[0]) << 32) | fdt32_to_cpu(v[1]);
	else
		return -EINVAL;
	return 0;
}

const char *devtree_read_string(int node, const char *name)
{
	int len;
	const char *s = devtree_read_prop(node, name, &len);

	if (!s || len < 1 || strnlen(s, len) == (size_t)len)
		return NULL;
	return s;
}

const char *devtree_read_string_index(int node, const char *name, int idx)
{
	return fdt_stringlist_get(devtree_live.blob, node, name, idx, NULL);
}

int devtree_read_u32_array(int node, const char *name, uint32_t *out, int max)
{
	int len, i, n;
	const fdt32_t *v = devtree_read_prop(node, name, &len);

	if (!v)
		return -ENOENT;
	if (len % 4)
		return -EINVAL;
	n = len / 4;
	for (i = 0; i < n && i < max; i++)
		out[i] = fdt32_to_cpu(v[i]);
	return n;
}

int devtree_node_available(int node)
{
	const char *status = devtree_read_string(node, "status");

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

int devtree_path_read_u32(const char *path, const char *name, uint32_t *out)
{
	int node = devtree_resolve(path);

	return node < 0 ? node : devtree_read_u32(node, name, out);
}

int devtree_path_read_u64(const char *path, const char *name, uint64_t *out)
{
	int node = devtree_resolve(path);

	return node < 0 ? node : devtree_read_u64(node, name, out);
}

const char *devtree_path_read_string(const char *path, const char *name)
{
	int node = devtree_resolve(path);

	return node < 0 ? NULL : devtree_read_string(node, name);
}
