/*
 * State shared by the two halves of the physical page allocator:
 * page_alloc.c (buddy blocks, allocation and freeing) and page_pool.c
 * (banks, reservations, building the pool, statistics).  Each bank has one
 * metadata byte per page: PG_FREE|order or PG_ALLOC|order at the first page
 * of a block (PG_CONT added on all but the last block of a
 * page_alloc_aligned allocation), 0 everywhere else (block interiors and
 * reserved pages).  A
 * page belongs to the block whose head, found by aligning the page number
 * down to some order, carries exactly that order; a page with no such head
 * is reserved.  Free blocks are kept in one doubly linked list per order
 * whose nodes live in the free pages themselves.  Everything is guarded by
 * pg.lock.
 */
#ifndef PAGE_INTERNAL_H
#define PAGE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/page.h>
#include <vmm/spinlock.h>

#define PG_FREE		0x40
#define PG_ALLOC	0x80
#define PG_CONT		0x20	/* allocated piece followed by more of the same allocation */
#define PG_ORDER_MASK	0x1f

struct pg_free_node {
	struct pg_free_node *next, *prev;
};

struct pg_bank {
	uint64_t start;			/* first page frame number */
	uint64_t end;			/* one past the last */
	uint8_t *meta;			/* end - start bytes, NULL until built */
	uint64_t free_pages;
	uint64_t reserved_pages;
};

struct pg_range {
	uint64_t start, end;		/* page frame numbers, end exclusive */
};

struct pg_state {
	spinlock_t lock;
	bool live;			/* the pool has been built */
	unsigned int nr_banks;
	struct pg_bank banks[PAGE_MAX_BANKS];
	unsigned int nr_resv;
	struct pg_range resv[PAGE_MAX_RESERVED];
	struct pg_free_node *free_list[PAGE_MAX_ORDER + 1];
	uint64_t nr_free[PAGE_MAX_ORDER + 1];
};

extern struct pg_state pg;

static inline void *pfn_to_ptr(uint64_t pfn)
{
	return (void *)(uintptr_t)(pfn << PAGE_SHIFT);
}

static inline uint64_t ptr_to_pfn(const void *p)
{
	return (uint64_t)(uintptr_t)p >> PAGE_SHIFT;
}

/* Build the pool from the recorded banks and reservations (lock held). */
void pg_make_live(void);

struct pg_bank *pg_bank_of(uint64_t pfn);

/*
 * The block holding pfn: returns PG_FREE or PG_ALLOC and sets *head and
 * *order, or returns 0 if the page is reserved.
 */
int pg_block_of(struct pg_bank *b, uint64_t pfn, uint64_t *head, unsigned int *order);

/* Take a free block off its list (its metadata byte is cleared). */
void pg_take_free(struct pg_bank *b, uint64_t pfn, unsigned int order);

/* Put [start, end) of bank b into the free pool, merging buddies. */
void pg_free_range(struct pg_bank *b, uint64_t start, uint64_t end);

#endif
