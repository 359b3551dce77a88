/*
 * RAM block devices: a host physical range (identity mapped, so the address
 * is also a pointer) exposed as a writable block device with 512-byte
 * blocks.  Boot code creates "initrd" over the /chosen initrd range; the
 * "rbd" command creates and destroys more.  The memory itself is neither
 * allocated nor freed here: it stays owned by whoever reserved it.
 */
#ifndef VMM_RBD_H
#define VMM_RBD_H

#include <stdint.h>

struct rbd_info {
	const char *name;
	uint64_t pa;
	uint64_t size;
};

/*
 * Register a block device called name over [pa, pa + size).  size must be
 * a non-zero multiple of 512; -EINVAL otherwise, -EEXIST if a block device
 * of that name exists, -ENOMEM on allocation failure.
 */
int rbd_create(const char *name, uint64_t pa, uint64_t size);

/* Unregister and free the RAM disk called name; -ENOENT if none.  -EBUSY if
 * a filesystem is mounted on it. */
int rbd_destroy(const char *name);

int rbd_get(int idx, struct rbd_info *info);

#endif
