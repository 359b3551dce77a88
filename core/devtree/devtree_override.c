/*
 * Guest configuration overrides "<alias>,<attr>,<type>,<value>": the alias
 * is looked up in the loaded tree's own aliases node and its path resolved
 * under the loaded tree's root; the value (everything after the third
 * comma) is encoded by type and stored.  Errors print and are not fatal;
 * an override with fewer than four fields is ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "devtree_priv.h"

/* Store attr (type, value) in the node at path. */
static void override_store(const char *path, const char *attr, const char *type_name,
			   char *value)
{
	int type = devtree_attr_type_parse(type_name);
	void *data;
	int len, rc;

	if (type < 0) {
		printf("Error: unknown attribute type %s\n", type_name);
		return;
	}
	if (type == DEVTREE_ATTR_UNKNOWN)
		return;
	rc = devtree_attr_encode(type, &value, 1, &data, &len);
	if (rc) {
		printf("Error: invalid %s value %s\n", type_name, value);
		return;
	}
	rc = devtree_set_prop(path, attr, data, len);
	if (rc)
		printf("Error: failed to set %s in %s (%d)\n", attr, path, rc);
	free(data);
}

static void override_apply(const char *root_path, const char *alias, const char *attr,
			   const char *type, char *value)
{
	char *aliases = devtree_join(root_path, "aliases");
	const char *target = aliases ? devtree_path_read_string(aliases, alias) : NULL;
	char *path = NULL;

	if (!aliases) {
		printf("Error: out of memory\n");
	} else if (!target || target[0] != '/') {
		printf("Error: alias %s not found in %s\n", alias, aliases);
	} else if (!*attr) {
		printf("Error: empty attribute name for alias %s\n", alias);
	} else {
		path = devtree_join(root_path, target + 1);
		if (!path)
			printf("Error: out of memory\n");
		else if (devtree_path_offset(path) < 0)
			printf("Error: node %s not found\n", path);
		else
			override_store(path, attr, type, value);
	}
	free(path);
	free(aliases);
}

void devtree_apply_override(const char *root_path, const char *ovr)
{
	char *copy = strdup(ovr), *field[4], *p;
	int i;

	if (!copy) {
		printf("Error: out of memory\n");
		return;
	}
	field[0] = copy;
	for (i = 1, p = copy; i < 4; i++) {
		p = strchr(p, ',');
		if (!p)
			break;
		*p++ = '\0';
		field[i] = p;
	}
	if (i == 4)
		override_apply(root_path, field[0], field[1], field[2], field[3]);
	free(copy);
}
