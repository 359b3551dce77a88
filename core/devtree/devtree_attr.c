/*
 * Attribute types shared by the devtree command and guest overrides:
 * parsing a type name and encoding textual values into a property value.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <vmm/devtree.h>

static const char *const type_names[] = {
	[DEVTREE_ATTR_UNKNOWN] = "unknown",	[DEVTREE_ATTR_STRING] = "string",
	[DEVTREE_ATTR_BYTES] = "bytes",		[DEVTREE_ATTR_UINT32] = "uint32",
	[DEVTREE_ATTR_UINT64] = "uint64",	[DEVTREE_ATTR_PHYSADDR] = "physaddr",
	[DEVTREE_ATTR_PHYSSIZE] = "physsize",	[DEVTREE_ATTR_VIRTADDR] = "virtaddr",
	[DEVTREE_ATTR_VIRTSIZE] = "virtsize",
};

int devtree_attr_type_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (!strcmp(name, type_names[i]))
			return i;
	return -EINVAL;
}

/* Bytes one value of a type takes (strings excepted). */
static int type_width(int type)
{
	switch (type) {
	case DEVTREE_ATTR_UNKNOWN:
		return 0;
	case DEVTREE_ATTR_BYTES:
		return 1;
	case DEVTREE_ATTR_UINT32:
		return 4;
	default:
		return 8;
	}
}

static int parse_number(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

static int encode_numbers(int type, char *const *vals, int nvals, uint8_t *buf)
{
	int width = type_width(type), i, rc;
	uint64_t max = width == 8 ? UINT64_MAX : (1ULL << (8 * width)) - 1, v;
	fdt32_t c32;
	fdt64_t c64;

	for (i = 0; i < nvals; i++) {
		rc = parse_number(vals[i], max, &v);
		if (rc)
			return rc;
		if (width == 1) {
			buf[i] = v;
		} else if (width == 4) {
			c32 = cpu_to_fdt32(v);
			memcpy(buf + 4 * i, &c32, 4);
		} else {
			c64 = cpu_to_fdt64(v);
			memcpy(buf + 8 * i, &c64, 8);
		}
	}
	return 0;
}

int devtree_attr_encode(int type, char *const *vals, int nvals, void **data, int *len)
{
	size_t size = 0, l;
	uint8_t *buf;
	int i, rc = 0;

	if (type < 0 || type > DEVTREE_ATTR_VIRTSIZE || nvals < 0)
		return -EINVAL;
	if (type == DEVTREE_ATTR_STRING) {
		for (i = 0; i < nvals; i++)
			size += strlen(vals[i]) + 1;
	} else {
		size = (size_t)type_width(type) * nvals;
	}
	*data = NULL;
	*len = 0;
	if (!size)
		return 0;
	buf = malloc(size);
	if (!buf)
		return -ENOMEM;
	if (type == DEVTREE_ATTR_STRING) {
		for (i = 0, size = 0; i < nvals; i++, size += l) {
			l = strlen(vals[i]) + 1;
			memcpy(buf + size, vals[i], l);
		}
	} else {
		rc = encode_numbers(type, vals, nvals, buf);
	}
	if (rc) {
		free(buf);
		return rc;
	}
	*data = buf;
	*len = size;
	return 0;
}
