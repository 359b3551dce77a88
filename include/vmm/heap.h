/*
 * The hypervisor heap: one arena of small objects, given by the boot code
 * with heap_init (malloc/free and friends in core/mm/malloc.c sit on top of
 * it).  Blocks carry a 16-byte header and an 8-byte footer and are kept in
 * segregated free lists (one per power of two of the block size), searched
 * first fit; freeing merges a block with free neighbours at once.  Payloads
 * are 16-byte aligned at least.  Freeing something that is not a live
 * allocation (double free, foreign pointer, overwritten header or footer)
 * prints one "heap: ..." line, counts an error and changes nothing.
 * Every call is SMP-safe.
 */
#ifndef VMM_HEAP_H
#define VMM_HEAP_H

#include <stddef.h>

#define HEAP_MIN_ALIGN	16
#define HEAP_NR_BINS	48	/* free block size classes [2^k, 2^(k+1)) */

struct heap_stats {
	void *base;		/* start of the arena */
	size_t total;		/* arena bytes */
	size_t used;		/* bytes in allocated blocks, headers included */
	size_t free;		/* total - used */
	size_t objects;		/* live allocations */
	size_t free_blocks;
	size_t largest_free;	/* largest payload one allocation could get */
	unsigned long errors;	/* bad frees and corruption found so far */
};

/*
 * Use [base, base + size) as the heap (trimmed to 16-byte alignment),
 * forgetting any previous arena.  -EINVAL if it is too small.
 */
int heap_init(void *base, size_t size);

/*
 * size bytes aligned to align (a power of two; smaller than 16 means 16),
 * or NULL.  A size of 0 gets a minimal block.
 */
void *heap_alloc(size_t size, size_t align);

/* Release p from heap_alloc; NULL is ignored. */
void heap_free(void *p);

/* Bytes usable at p (at least the size asked for); 0 for NULL. */
size_t heap_usable_size(void *p);

void heap_get_stats(struct heap_stats *st);

/* counts[k] = number of free blocks of size [2^k, 2^(k+1)) bytes. */
void heap_free_histogram(size_t counts[HEAP_NR_BINS]);

/* Walk every block checking headers and footers: 0, or -EFAULT (printed). */
int heap_check(void);

/*
 * Target only (core/mm/malloc.c): give the heap an arena of CONFIG_HEAP_SIZE_MB
 * from the page allocator.  Boot code calls it once, before any malloc.
 */
int heap_init_default(void);

#endif
