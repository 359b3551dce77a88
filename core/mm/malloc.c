/*
 * The C library allocation functions of the hypervisor (target build only;
 * host unit tests use the host's).  They replace picolibc's nano-malloc:
 * every function picolibc's malloc objects define and the rest of the code
 * may call is defined here (malloc, free, calloc, realloc, aligned_alloc,
 * memalign, posix_memalign, malloc_usable_size), so the linker never pulls
 * those objects from libc.a; valloc, pvalloc and reallocarray, if used,
 * come from libc.a and call back into these.  Only mallinfo/malloc_stats
 * would drag nano-malloc in (and fail the link with duplicate symbols).
 * All of it sits on core/mm/heap.c, which does the locking.  Also gives the
 * heap its arena from the page allocator (heap_init_default).
 */
#include <autoconf.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/heap.h>
#include <vmm/page.h>

int heap_init_default(void)
{
	uint64_t size = (uint64_t)CONFIG_HEAP_SIZE_MB << 20;
	void *arena = page_alloc_aligned(size, PAGE_SHIFT);

	if (!arena)
		return -ENOMEM;
	return heap_init(arena, size);
}

void *malloc(size_t size)
{
	return heap_alloc(size, 0);
}

void free(void *p)
{
	heap_free(p);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = heap_alloc(n * size, 0);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *old, size_t size)
{
	size_t have = heap_usable_size(old);
	void *p;

	if (!old)
		return heap_alloc(size, 0);
	if (!size) {
		heap_free(old);
		return NULL;
	}
	if (size <= have)
		return old;
	p = heap_alloc(size, 0);
	if (p) {
		memcpy(p, old, have);
		heap_free(old);
	}
	return p;
}

void *memalign(size_t align, size_t size)
{
	return heap_alloc(size, align);
}

void *aligned_alloc(size_t align, size_t size)
{
	return heap_alloc(size, align);
}

int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = heap_alloc(size, align);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

size_t malloc_usable_size(void *p)
{
	return heap_usable_size(p);
}
