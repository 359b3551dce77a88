/*
 * The live device tree's buffer and lock: initialisation from the host FDT,
 * in-place growth, blob validation and path resolution.  Readers are in
 * devtree_read.c, edits in devtree_edit.c and devtree_rebuild.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <vmm/spinlock.h>
#include "devtree_priv.h"

#define DEVTREE_HEADROOM	4096
#define DEVTREE_MAX_DEPTH	32

struct devtree_state devtree_live;
static spinlock_t devtree_spin = SPINLOCK_INIT;
static unsigned long devtree_flags;

void devtree_lock(void)
{
	unsigned long flags;

	spin_lock_irqsave(&devtree_spin, flags);
	devtree_flags = flags;
}

void devtree_unlock(void)
{
	spin_unlock_irqrestore(&devtree_spin, devtree_flags);
}

int devtree_errno(int fdt_err)
{
	switch (fdt_err) {
	case -FDT_ERR_NOTFOUND:
		return -ENOENT;
	case -FDT_ERR_EXISTS:
		return -EEXIST;
	case -FDT_ERR_NOSPACE:
		return -ENOMEM;
	default:
		return fdt_err < 0 ? -EINVAL : 0;
	}
}

int devtree_init(const void *host_fdt)
{
	int size, rc;
	void *buf;

	if (!host_fdt || fdt_check_header(host_fdt))
		return -EINVAL;
	size = fdt_totalsize(host_fdt) + DEVTREE_HEADROOM;
	buf = malloc(size);
	if (!buf)
		return -ENOMEM;
	rc = fdt_open_into(host_fdt, buf, size);
	if (rc) {
		free(buf);
		return devtree_errno(rc);
	}
	devtree_lock();
	free(devtree_live.blob);
	devtree_live.blob = buf;
	devtree_live.size = size;
	devtree_unlock();
	rc = devtree_add_node("/", DEVTREE_GUESTS_NAME);
	return rc == -EEXIST ? 0 : rc;
}

const void *devtree_blob(void)
{
	return devtree_live.blob;
}

int devtree_grow(void)
{
	int size = devtree_live.size * 2;
	void *buf = realloc(devtree_live.blob, size);

	if (!buf)
		return -ENOMEM;
	devtree_live.blob = buf;
	devtree_live.size = size;
	return devtree_errno(fdt_open_into(buf, buf, size));
}

/* Walk every tag: balanced nodes, readable names and property strings. */
static int devtree_check_struct(const void *fdt)
{
	int offset = 0, next, depth = 0, len;
	const char *name;
	uint32_t tag;

	do {
		tag = fdt_next_tag(fdt, offset, &next);
		if (next < 0)
			return next;
		if (offset == 0 && tag != FDT_BEGIN_NODE)
			return -FDT_ERR_BADSTRUCTURE;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (++depth > DEVTREE_MAX_DEPTH)
				return -FDT_ERR_BADSTRUCTURE;
			if (!fdt_get_name(fdt, offset, &len))
				return len;
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				return -FDT_ERR_BADSTRUCTURE;
			break;
		case FDT_PROP:
			if (depth == 0)
				return -FDT_ERR_BADSTRUCTURE;
			if (!fdt_getprop_by_offset(fdt, offset, &name, &len))
				return len;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return depth ? -FDT_ERR_TRUNCATED : 0;
		default:
			return -FDT_ERR_BADSTRUCTURE;
		}
		if (depth == 0 && tag == FDT_END_NODE &&
		    fdt_next_tag(fdt, next, &offset) != FDT_END)
			return -FDT_ERR_BADSTRUCTURE;
		offset = next;
	} while (1);
}

int devtree_check_blob(const void *dtb, size_t len)
{
	int rc;

	if (!dtb || len < sizeof(struct fdt_header))
		return -FDT_ERR_TRUNCATED;
	rc = fdt_check_header(dtb);
	if (rc)
		return rc;
	if (fdt_totalsize(dtb) > len)
		return -FDT_ERR_TRUNCATED;
	return devtree_check_struct(dtb);
}

int devtree_resolve(const char *path)
{
	int off;

	if (!path || path[0] != '/')
		return -EINVAL;
	off = fdt_path_offset(devtree_live.blob, path);
	return off >= 0 ? off : devtree_errno(off);
}

int devtree_path_offset(const char *path)
{
	return devtree_resolve(path);
}

char *devtree_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s;

	while (la && a[la - 1] == '/')
		la--;
	s = malloc(la + lb + 2);
	if (!s)
		return NULL;
	memcpy(s, a, la);
	s[la] = '/';
	memcpy(s + la + 1, b, lb + 1);
	return s;
}

int devtree_name_ok(const char *name)
{
	size_t len = name ? strlen(name) : 0;

	return len > 0 && len <= 255 && !strchr(name, '/');
}
