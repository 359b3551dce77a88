/*
 * Physical page allocator contract.  Host RAM is identity mapped, so a
 * physical address is also a valid pointer.  RAM is handed over as banks
 * (page_add_region, at most PAGE_MAX_BANKS) and ranges are withdrawn with
 * page_reserve (hypervisor image, FDT, initrd, firmware, reserved-memory).
 * Until the first allocation, stats or print call, regions and reservations
 * are only recorded and no RAM is touched; the pool is then built with each
 * bank's metadata (one byte per page) placed in a non-reserved part of the
 * bank itself.  After that, both calls act on the live pool.  Blocks are
 * buddies of 2^order pages, order 0..PAGE_MAX_ORDER (4 KiB..1 GiB), always
 * naturally aligned in physical address.  Every call is SMP-safe.
 */
#ifndef VMM_PAGE_H
#define VMM_PAGE_H

#include <stdint.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MAX_ORDER		18
#define PAGE_MAX_BANKS		16
#define PAGE_MAX_RESERVED	64	/* reservations recorded before the pool is built */

struct page_stats {
	uint64_t total_pages;		/* pages in all banks */
	uint64_t free_pages;		/* in the free pool */
	uint64_t reserved_pages;	/* withdrawn: page_reserve and metadata */
	uint64_t used_pages;		/* allocated: total - free - reserved */
	unsigned int nr_banks;
	uint64_t free_blocks[PAGE_MAX_ORDER + 1];	/* free blocks per order */
};

struct page_bank_info {
	uint64_t start;			/* physical address of the first page */
	uint64_t pages;
	uint64_t free_pages;
	uint64_t reserved_pages;
	uint64_t used_pages;
};

/* Forget all banks and reservations (the RAM itself is not touched). */
void page_init(void);

/*
 * Add [pa, pa + size) as a bank of free RAM, trimmed inwards to whole
 * pages.  -EINVAL if no whole page is left, -ENOSPC if all banks are used,
 * -EEXIST if it overlaps a bank, -ENOMEM if (once the pool is live) no room
 * is left for its metadata.
 */
int page_add_region(uint64_t pa, uint64_t size);

/*
 * Withdraw [pa, pa + size), widened outwards to whole pages, from the free
 * pool.  Parts outside every bank and pages already reserved are ignored.
 * -EBUSY (and nothing changes) if a page in the range is allocated; -ENOSPC
 * if the range must be recorded before the pool is built and the record
 * table (PAGE_MAX_RESERVED) is full.
 */
int page_reserve(uint64_t pa, uint64_t size);

/* 2^order naturally aligned pages, or NULL.  page_zalloc zero-fills. */
void *page_alloc(unsigned int order);
void *page_zalloc(unsigned int order);

/*
 * Return a block from page_alloc/page_zalloc with the same order.  Freeing
 * something that is not an allocated block of that order prints an error
 * and changes nothing.
 */
void page_free(void *p, unsigned int order);

/*
 * size bytes (rounded up to pages) aligned to 2^align_order bytes (at least
 * a page), not zeroed.  Takes one buddy block of the next power of two (and
 * at least the alignment), keeps the power-of-two pieces covering size as
 * separate allocated blocks and returns the tail to the pool.  Limited to
 * 1 GiB.  Free with page_free_size and the same size.
 */
void *page_alloc_aligned(uint64_t size, unsigned int align_order);
void page_free_size(void *p, uint64_t size);

void page_get_stats(struct page_stats *st);

/* Fill *out for bank idx; -ENOENT past the last bank. */
int page_bank_get_info(unsigned int idx, struct page_bank_info *out);

/*
 * The state of count pages of bank idx from its page first, one character
 * each in out: '.' free, 'A' allocated, 'R' reserved.  Returns how many
 * were filled (fewer at the bank's end), or -ENOENT for no such bank.
 */
int page_state_map(unsigned int idx, uint64_t first, unsigned int count, char *out);

/* Print one line per bank and the totals (for "host ram info"). */
void page_print_info(void);

#endif
