/*
 * Helpers for the devtree unit tests: fetch a DTB compiled at test-build
 * time (embedded by dtbs2c.py, see devtree.mk) and reset the live tree to
 * the small host tree of data/devtree-host.dts.
 */
#ifndef UNIT_DEVTREE_UTIL_H
#define UNIT_DEVTREE_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>

struct dt_test_blob {
	const char *name;
	const unsigned char *data;
	unsigned long len;
};

extern const struct dt_test_blob dt_test_blobs[];

/* malloc'd copy of the embedded <name>; aborts if there is none. */
static inline void *dt_test_load(const char *name, size_t *len)
{
	const struct dt_test_blob *b;
	void *buf;

	for (b = dt_test_blobs; b->name && strcmp(b->name, name); b++)
		;
	if (!b->name) {
		fprintf(stderr, "no test blob %s\n", name);
		abort();
	}
	buf = malloc(b->len);
	if (!buf)
		abort();
	memcpy(buf, b->data, b->len);
	*len = b->len;
	return buf;
}

/* Re-initialise the live tree from devtree-host.dtb; returns devtree_init's code. */
static inline int dt_test_reset(void)
{
	size_t len;
	void *host = dt_test_load("devtree-host.dtb", &len);
	int rc = devtree_init(host);

	free(host);
	return rc;
}

#endif
