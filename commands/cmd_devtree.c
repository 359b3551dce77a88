/*
 * The "devtree" command: show and edit the live device tree.  Subcommands
 * "attr show|set|get|del" work on one node's properties and "node
 * show|dump|add|copy|del" on nodes; every path is absolute.  Errors print
 * one "Error: ..." line; a bad subcommand or argument count prints the
 * usage.  Output formats are in cmd_devtree_print.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <vmm/cmd.h>
#include <vmm/devtree.h>
#include "cmd_devtree_priv.h"

/* Print the error of a failed edit or lookup of path and return rc. */
static int report(int rc, const char *path, const char *what)
{
	if (rc == -ENOENT)
		printf("Error: %s not found\n", what);
	else if (rc == -EEXIST)
		printf("Error: %s already exists\n", what);
	else if (rc == -EINVAL && (!path || path[0] != '/'))
		printf("Error: path %s is not absolute\n", path ? path : "");
	else if (rc)
		printf("Error: failed on %s (%d)\n", path, rc);
	return rc;
}

static int find_node(const char *path)
{
	int node = devtree_path_offset(path);
	char what[300];

	if (node < 0) {
		snprintf(what, sizeof(what), "node %s", path);
		report(node, path, what);
	}
	return node;
}

static int attr_show(int argc, char **argv)
{
	int node = find_node(argv[3]), prop;

	(void)argc;
	if (node < 0)
		return node;
	fdt_for_each_property_offset(prop, devtree_blob(), node)
		cmd_devtree_print_prop(prop, 0);
	return 0;
}

static int attr_get(int argc, char **argv)
{
	const char *path = argv[3], *attr = argv[4], *name;
	int node = find_node(path), prop;

	(void)argc;
	if (node < 0)
		return node;
	fdt_for_each_property_offset(prop, devtree_blob(), node) {
		if (fdt_getprop_by_offset(devtree_blob(), prop, &name, NULL) &&
		    !strcmp(name, attr)) {
			cmd_devtree_print_prop(prop, 0);
			return 0;
		}
	}
	printf("Error: attribute %s not found in %s\n", attr, path);
	return -ENOENT;
}

static int attr_set(int argc, char **argv)
{
	const char *path = argv[3], *attr = argv[4], *type_name = argv[5];
	int type = devtree_attr_type_parse(type_name), node, len, rc;
	void *data;

	if (type < 0) {
		printf("Error: unknown attribute type %s\n", type_name);
		return -EINVAL;
	}
	node = find_node(path);
	if (node < 0)
		return node;
	rc = devtree_attr_encode(type, argv + 6, argc - 6, &data, &len);
	if (rc) {
		printf("Error: invalid %s value\n", type_name);
		return rc;
	}
	rc = devtree_set_prop(path, attr, data, len);
	free(data);
	return report(rc, path, attr);
}

static int attr_del(int argc, char **argv)
{
	const char *path = argv[3], *attr = argv[4];
	int node = find_node(path), rc;

	(void)argc;
	if (node < 0)
		return node;
	rc = devtree_del_prop(path, attr);
	if (rc == -ENOENT)
		printf("Error: attribute %s not found in %s\n", attr, path);
	return rc == -ENOENT ? rc : report(rc, path, attr);
}

/* Add (src NULL) or copy src as path/name. */
static int node_add(const char *path, const char *name, const char *src)
{
	char what[300];
	int rc;

	if (find_node(path) < 0 || (src && find_node(src) < 0))
		return -ENOENT;
	rc = src ? devtree_copy_node(src, path, name) : devtree_add_node(path, name);
	snprintf(what, sizeof(what), "node %s/%s", strcmp(path, "/") ? path : "", name);
	if (rc == -EINVAL) {
		printf("Error: invalid node name %s\n", name);
		return rc;
	}
	return report(rc, path, what);
}

static int node_del(const char *path)
{
	int node = find_node(path);

	if (node < 0)
		return node;
	if (node == 0) {
		printf("Error: cannot delete the root node\n");
		return -EINVAL;
	}
	return report(devtree_del_node(path), path, path);
}

static int node_show(int argc, char **argv)
{
	int node = find_node(argv[3]);

	(void)argc;
	if (node < 0)
		return node;
	cmd_devtree_print_node(node, 0, !strcmp(argv[2], "dump"));
	return 0;
}

static int node_cmd_del(int argc, char **argv)
{
	(void)argc;
	return node_del(argv[3]);
}

static int node_cmd_add(int argc, char **argv)
{
	return node_add(argv[3], argv[4], argc > 5 ? argv[5] : NULL);
}

static const struct vmm_subcmd devtree_subcmds[] = {
	{ "attr show", 1, 1, attr_show, "<path>" },
	{ "attr set", 4, VMM_CMD_MAX_ARGS, attr_set,
	  "<path> <attr_name> <attr_type> <attr_val0> [<attr_val1> ...]" },
	{ "attr get", 2, 2, attr_get, "<path> <attr_name>" },
	{ "attr del", 2, 2, attr_del, "<path> <attr_name>" },
	{ "node show", 1, 1, node_show, "<path>" },
	{ "node dump", 1, 1, node_show, "<path>" },
	{ "node add", 2, 2, node_cmd_add, "<path> <node_name>" },
	{ "node copy", 3, 3, node_cmd_add, "<path> <node_name> <src_node_path>" },
	{ "node del", 1, 1, node_cmd_del, "<path>" },
};

VMM_CMD(cmd_devtree) = {
	.name = "devtree",
	.desc = "device tree operations",
	VMM_SUBCMDS(devtree_subcmds),
	.note = "Note:\n"
		"   <path> is an absolute node path, e.g. /guests/guest0\n"
		"   <attr_type> = unknown|string|bytes|uint32|uint64|physaddr|physsize|"
		"virtaddr|virtsize\n",
};
