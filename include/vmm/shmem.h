/*
 * Named shared memory objects: physically contiguous, zeroed host pages
 * (from page_alloc_aligned) that several guests map by name ("shared_ram"
 * and "shared_rom" regions).  An object is created with one reference that
 * stands for its existence; users (guest regions) take more with
 * shmem_find or shmem_get and drop them with shmem_put.  shmem_destroy
 * refuses with -EBUSY while any other reference is held.  Every call is
 * SMP-safe.
 */
#ifndef VMM_SHMEM_H
#define VMM_SHMEM_H

#include <stdint.h>

#define SHMEM_NAME_LEN		32	/* including the NUL */
#define SHMEM_DEFAULT_ALIGN	12

struct shmem;

struct shmem_info {
	char name[SHMEM_NAME_LEN];
	uint64_t phys;
	uint64_t size;
	unsigned int align_order;
	unsigned int refcount;
};

/*
 * Create name with size bytes (rounded up to pages) aligned to
 * 2^align_order bytes (orders below 12 mean 12).  -EINVAL for an empty
 * name or size 0 or an order above 30, -ENAMETOOLONG, -EEXIST, -ENOMEM.
 */
int shmem_create(const char *name, uint64_t size, unsigned int align_order);

/* Remove name and free its pages: -ENOENT, or -EBUSY while referenced. */
int shmem_destroy(const char *name);

/* The object called name with a reference taken for the caller, or NULL. */
struct shmem *shmem_find(const char *name);

void shmem_get(struct shmem *s);
void shmem_put(struct shmem *s);

const char *shmem_name(const struct shmem *s);
uint64_t shmem_phys(const struct shmem *s);
uint64_t shmem_size(const struct shmem *s);
unsigned int shmem_align_order(const struct shmem *s);
unsigned int shmem_refcount(struct shmem *s);

/*
 * Snapshot of up to max objects, in creation order, into out; returns how
 * many objects exist (may exceed max).
 */
unsigned int shmem_list(struct shmem_info *out, unsigned int max);

#endif
