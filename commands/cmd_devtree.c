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

static void cmd_devtree_usage(void)
{
	printf("Usage:\n");
	printf("   devtree help\n");
	printf("   devtree attr show <path>\n");
	printf("   devtree attr set <path> <attr_name> <attr_type> <attr_val0> [<attr_val1> ...]\n");
	printf("   devtree attr get <path> <attr_name>\n");
	printf("   devtree attr del <path> <attr_name>\n");
	printf("   devtree node show <path>\n");
	printf("   devtree node dump <path>\n");
	printf("   devtree node add <path> <node_name>\n");
	printf("   devtree node copy <path> <node_name> <src_node_path>\n");
	printf("   devtree node del <path>\n");
	printf("Note:\n");
	printf("   <path> is an absolute node path, e.g. /guests/guest0\n");
	printf("   <attr_type> = unknown|string|bytes|uint32|uint64|physaddr|physsize|"
	       "virtaddr|virtsize\n");
}

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

static int attr_show(const char *path)
{
	int node = find_node(path), prop;

	if (node < 0)
		return node;
	fdt_for_each_property_offset(prop, devtree_blob(), node)
		cmd_devtree_print_prop(prop, 0);
	return 0;
}

static int attr_get(const char *path, const char *attr)
{
	int node = find_node(path), prop;
	const char *name;

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

static int attr_set(const char *path, const char *attr, const char *type_name, int nvals,
		    char **vals)
{
	int type = devtree_attr_type_parse(type_name), node, len, rc;
	void *data;

	if (type < 0) {
		printf("Error: unknown attribute type %s\n", type_name);
		return -EINVAL;
	}
	node = find_node(path);
	if (node < 0)
		return node;
	rc = devtree_attr_encode(type, vals, nvals, &data, &len);
	if (rc) {
		printf("Error: invalid %s value\n", type_name);
		return rc;
	}
	rc = devtree_set_prop(path, attr, data, len);
	free(data);
	return report(rc, path, attr);
}

static int attr_del(const char *path, const char *attr)
{
	int node = find_node(path), rc;

	if (node < 0)
		return node;
	rc = devtree_del_prop(path, attr);
	if (rc == -ENOENT)
		printf("Error: attribute %s not found in %s\n", attr, path);
	return rc == -ENOENT ? rc : report(rc, path, attr);
}

static int cmd_devtree_attr(int argc, char **argv)
{
	const char *sub = argv[2];

	if (!strcmp(sub, "show") && argc == 4)
		return attr_show(argv[3]);
	if (!strcmp(sub, "get") && argc == 5)
		return attr_get(argv[3], argv[4]);
	if (!strcmp(sub, "del") && argc == 5)
		return attr_del(argv[3], argv[4]);
	if (!strcmp(sub, "set") && argc >= 7)
		return attr_set(argv[3], argv[4], argv[5], argc - 6, argv + 6);
	cmd_devtree_usage();
	return -EINVAL;
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

static int cmd_devtree_node(int argc, char **argv)
{
	const char *sub = argv[2];
	int node;

	if ((!strcmp(sub, "show") || !strcmp(sub, "dump")) && argc == 4) {
		node = find_node(argv[3]);
		if (node >= 0)
			cmd_devtree_print_node(node, 0, !strcmp(sub, "dump"));
		return node < 0 ? node : 0;
	}
	if (!strcmp(sub, "del") && argc == 4)
		return node_del(argv[3]);
	if (!strcmp(sub, "add") && argc == 5)
		return node_add(argv[3], argv[4], NULL);
	if (!strcmp(sub, "copy") && argc == 6)
		return node_add(argv[3], argv[4], argv[5]);
	cmd_devtree_usage();
	return -EINVAL;
}

static int cmd_devtree_exec(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "help")) {
		cmd_devtree_usage();
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "attr"))
		return cmd_devtree_attr(argc, argv);
	if (argc >= 3 && !strcmp(argv[1], "node"))
		return cmd_devtree_node(argc, argv);
	cmd_devtree_usage();
	return -EINVAL;
}

VMM_CMD(cmd_devtree) = {
	.name = "devtree",
	.desc = "device tree operations",
	.usage = cmd_devtree_usage,
	.exec = cmd_devtree_exec,
};
