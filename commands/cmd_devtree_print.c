/*
 * Printing for the devtree command.  A property prints as "name;" when
 * empty, else "name = value;" where the value is shown like dtc would:
 * "a", "b" for printable NUL-separated strings (with " and \ escaped),
 * <0x1 0x2> for whole 32-bit cells and [01 02] for other bytes.  A node
 * prints as its name and "{" ... "};" around its properties (when asked)
 * and children, one tab of indentation per level; a node with nothing
 * inside prints as "name;".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <vmm/devtree.h>
#include "cmd_devtree_priv.h"

static void indent(int depth)
{
	while (depth-- > 0)
		printf("\t");
}

static int is_string_list(const char *s, int len)
{
	int i;

	if (len < 1 || s[len - 1] || !s[0])
		return 0;
	for (i = 0; i < len - 1; i++) {
		if (!s[i] ? !s[i + 1] : !isprint((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

/* One string in quotes, with '"' and '\\' escaped as dtc does. */
static void print_string(const char *s)
{
	printf("\"");
	for (; *s; s++)
		printf(*s == '"' || *s == '\\' ? "\\%c" : "%c", *s);
	printf("\"");
}

static void print_value(const unsigned char *v, int len)
{
	int i;

	if (is_string_list((const char *)v, len)) {
		for (i = 0; i < len; i += strlen((const char *)v + i) + 1) {
			if (i)
				printf(", ");
			print_string((const char *)v + i);
		}
	} else if (len % 4 == 0) {
		for (i = 0; i < len; i += 4)
			printf("%s0x%x", i ? " " : "<", fdt32_ld((const fdt32_t *)(v + i)));
		printf(">");
	} else {
		for (i = 0; i < len; i++)
			printf("%s%02x", i ? " " : "[", v[i]);
		printf("]");
	}
}

void cmd_devtree_print_prop(int prop, int depth)
{
	const char *name;
	const void *v;
	int len;

	v = fdt_getprop_by_offset(devtree_blob(), prop, &name, &len);
	if (!v)
		return;
	indent(depth);
	if (!len) {
		printf("%s;\n", name);
		return;
	}
	printf("%s = ", name);
	print_value(v, len);
	printf(";\n");
}

void cmd_devtree_print_node(int node, int depth, int attrs)
{
	const void *fdt = devtree_blob();
	const char *name = devtree_node_name(node);
	int prop = fdt_first_property_offset(fdt, node);
	int child = devtree_first_child(node);

	indent(depth);
	printf("%s", name && *name ? name : "/");
	if (child < 0 && (!attrs || prop < 0)) {
		printf(";\n");
		return;
	}
	printf(" {\n");
	if (attrs)
		fdt_for_each_property_offset(prop, fdt, node)
			cmd_devtree_print_prop(prop, depth + 1);
	devtree_for_each_child(child, node)
		cmd_devtree_print_node(child, depth + 1, attrs);
	indent(depth);
	printf("};\n");
}
