/*
 * fdt_print_tree: printing a device-tree subtree in DTS-like syntax, with
 * each property shown as strings, cells or bytes depending on its contents.
 */
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "basic_lib.h"

#define PRINT_MAX_DEPTH		32

/* True if @v holds one or more non-empty NUL-terminated printable strings. */
static bool is_string_list(const char *v, int len)
{
	int i, start = 0;

	if (len <= 0 || v[len - 1])
		return false;
	for (i = 0; i < len; i++) {
		if (!v[i]) {
			if (i == start)
				return false;
			start = i + 1;
		} else if (v[i] < 0x20 || v[i] > 0x7e) {
			return false;
		}
	}
	return true;
}

static void print_value(const char *v, int len)
{
	const char *s;
	int i;

	if (is_string_list(v, len)) {
		for (s = v; s < v + len; s += strlen(s) + 1)
			printf("%s\"%s\"", s == v ? "" : ", ", s);
	} else if (len % 4 == 0) {
		printf("<");
		for (i = 0; i < len; i += 4)
			printf("%s0x%08x", i ? " " : "",
			       (unsigned int)fdt32_ld((const fdt32_t *)(v + i)));
		printf(">");
	} else {
		printf("[");
		for (i = 0; i < len; i++)
			printf("%s%02x", i ? " " : "", (unsigned char)v[i]);
		printf("]");
	}
}

static void print_indent(int depth)
{
	while (depth--)
		printf("\t");
}

static int print_node(const void *fdt, int node, int depth)
{
	const struct fdt_property *prop;
	const char *name;
	int off, len, err;

	if (depth > PRINT_MAX_DEPTH)
		return -FDT_ERR_BADSTRUCTURE;
	name = fdt_get_name(fdt, node, NULL);
	print_indent(depth);
	printf("%s {\n", depth || *name ? name : "/");
	fdt_for_each_property_offset(off, fdt, node) {
		prop = fdt_get_property_by_offset(fdt, off, &len);
		if (!prop)
			return len;
		print_indent(depth + 1);
		printf("%s", fdt_string(fdt, (int)fdt32_ld(&prop->nameoff)));
		if (len) {
			printf(" = ");
			print_value(prop->data, len);
		}
		printf(";\n");
	}
	fdt_for_each_subnode(off, fdt, node) {
		err = print_node(fdt, off, depth + 1);
		if (err)
			return err;
	}
	print_indent(depth);
	printf("};\n");
	return 0;
}

int fdt_print_tree(const void *fdt, const char *path)
{
	int err = fdt_check_header(fdt), node;

	if (err)
		return err;
	node = fdt_path_offset(fdt, path);
	if (node < 0)
		return node;
	return print_node(fdt, node, 0);
}
