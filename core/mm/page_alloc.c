/*
 * Buddy blocks of the physical page allocator: the per-order free lists,
 * splitting and merging, and the allocation API (page_alloc, page_zalloc,
 * page_free, page_alloc_aligned, page_free_size).  Banks, reservations and
 * statistics live in page_pool.c; the shared state and the metadata
 * encoding are described in page_internal.h.
 */
#include <stdio.h>
#include <string.h>
#include <vmm/page.h>
#include "page_internal.h"

static void list_add(uint64_t pfn, unsigned int order)
{
	struct pg_free_node *n = pfn_to_ptr(pfn);

	n->prev = NULL;
	n->next = pg.free_list[order];
	if (n->next)
		n->next->prev = n;
	pg.free_list[order] = n;
	pg.nr_free[order]++;
}

static void list_del(uint64_t pfn, unsigned int order)
{
	struct pg_free_node *n = pfn_to_ptr(pfn);

	if (n->prev)
		n->prev->next = n->next;
	else
		pg.free_list[order] = n->next;
	if (n->next)
		n->next->prev = n->prev;
	pg.nr_free[order]--;
}

struct pg_bank *pg_bank_of(uint64_t pfn)
{
	for (unsigned int i = 0; i < pg.nr_banks; i++) {
		struct pg_bank *b = &pg.banks[i];

		if (b->meta && pfn >= b->start && pfn < b->end)
			return b;
	}
	return NULL;
}

int pg_block_of(struct pg_bank *b, uint64_t pfn, uint64_t *head, unsigned int *order)
{
	for (unsigned int o = 0; o <= PAGE_MAX_ORDER; o++) {
		uint64_t h = pfn & ~((1ULL << o) - 1);
		uint8_t m;

		if (h < b->start)
			break;
		m = b->meta[h - b->start];
		if (m && (m & PG_ORDER_MASK) == o) {
			*head = h;
			*order = o;
			return m & (PG_FREE | PG_ALLOC);
		}
	}
	return 0;
}

void pg_take_free(struct pg_bank *b, uint64_t pfn, unsigned int order)
{
	list_del(pfn, order);
	b->meta[pfn - b->start] = 0;
	b->free_pages -= 1ULL << order;
}

/* Free one block, merging it with free buddies of the same bank. */
static void free_block(struct pg_bank *b, uint64_t pfn, unsigned int order)
{
	b->meta[pfn - b->start] = 0;
	b->free_pages += 1ULL << order;
	while (order < PAGE_MAX_ORDER) {
		uint64_t buddy = pfn ^ (1ULL << order);

		if (buddy < b->start || buddy + (1ULL << order) > b->end)
			break;
		if (b->meta[buddy - b->start] != (PG_FREE | order))
			break;
		list_del(buddy, order);
		b->meta[buddy - b->start] = 0;
		if (buddy < pfn)
			pfn = buddy;
		order++;
	}
	b->meta[pfn - b->start] = PG_FREE | order;
	list_add(pfn, order);
}

/* Largest order of a block at pfn that fits in count pages. */
static unsigned int fit_order(uint64_t pfn, uint64_t count)
{
	unsigned int o = pfn ? (unsigned int)__builtin_ctzll(pfn) : PAGE_MAX_ORDER;

	if (o > PAGE_MAX_ORDER)
		o = PAGE_MAX_ORDER;
	while ((1ULL << o) > count)
		o--;
	return o;
}

void pg_free_range(struct pg_bank *b, uint64_t start, uint64_t end)
{
	while (start < end) {
		unsigned int o = fit_order(start, end - start);

		free_block(b, start, o);
		start += 1ULL << o;
	}
}

/* Take a block of exactly 2^order pages, splitting a larger one. */
static uint64_t alloc_block(unsigned int order)
{
	struct pg_bank *b;
	unsigned int o = order;
	uint64_t pfn;

	while (o <= PAGE_MAX_ORDER && !pg.free_list[o])
		o++;
	if (o > PAGE_MAX_ORDER)
		return 0;
	pfn = ptr_to_pfn(pg.free_list[o]);
	b = pg_bank_of(pfn);
	pg_take_free(b, pfn, o);
	while (o > order) {
		uint64_t half;

		o--;
		half = pfn + (1ULL << o);
		b->meta[half - b->start] = PG_FREE | o;
		list_add(half, o);
		b->free_pages += 1ULL << o;
	}
	b->meta[pfn - b->start] = PG_ALLOC | order;
	return pfn;
}

void *page_alloc(unsigned int order)
{
	unsigned long flags;
	uint64_t pfn = 0;

	if (order > PAGE_MAX_ORDER)
		return NULL;
	spin_lock_irqsave(&pg.lock, flags);
	pg_make_live();
	pfn = alloc_block(order);
	spin_unlock_irqrestore(&pg.lock, flags);
	return pfn ? pfn_to_ptr(pfn) : NULL;
}

void *page_zalloc(unsigned int order)
{
	void *p = page_alloc(order);

	if (p)
		memset(p, 0, PAGE_SIZE << order);
	return p;
}

/*
 * An allocation of count pages is one allocated block per binary digit of
 * count, largest first, each but the last marked PG_CONT.  free_pieces
 * checks that [pfn, pfn + count) is exactly such an allocation and, if so,
 * frees it; it returns false (and changes nothing) if it is not.
 */
static uint8_t piece_meta(uint64_t count, unsigned int order)
{
	return PG_ALLOC | order | (count & ((1ULL << order) - 1) ? PG_CONT : 0);
}

static bool free_pieces(uint64_t pfn, uint64_t count)
{
	struct pg_bank *b = pg_bank_of(pfn);
	uint64_t p = pfn;

	if (!b || !count || count >> (PAGE_MAX_ORDER + 1) || pfn + count > b->end)
		return false;
	for (int o = PAGE_MAX_ORDER; o >= 0; o--) {
		if (!(count & (1ULL << o)))
			continue;
		if (b->meta[p - b->start] != piece_meta(count, o))
			return false;
		p += 1ULL << o;
	}
	for (int o = PAGE_MAX_ORDER; o >= 0; o--) {
		if (count & (1ULL << o)) {
			free_block(b, pfn, o);
			pfn += 1ULL << o;
		}
	}
	return true;
}

static void free_checked(void *p, uint64_t count)
{
	uint64_t pa = (uint64_t)(uintptr_t)p;
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&pg.lock, flags);
	ok = !(pa & (PAGE_SIZE - 1)) && free_pieces(pa >> PAGE_SHIFT, count);
	spin_unlock_irqrestore(&pg.lock, flags);
	if (!ok)
		printf("page: bad free of 0x%016llx (%llu pages): not an allocated block\n",
		       (unsigned long long)pa, (unsigned long long)count);
}

void page_free(void *p, unsigned int order)
{
	if (!p)
		return;
	free_checked(p, order > PAGE_MAX_ORDER ? 0 : 1ULL << order);
}

void *page_alloc_aligned(uint64_t size, unsigned int align_order)
{
	uint64_t count = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	unsigned int order = 0;
	unsigned long flags;
	struct pg_bank *b;
	uint64_t pfn, p;

	if (!count || count > (1ULL << PAGE_MAX_ORDER) ||
	    align_order > PAGE_MAX_ORDER + PAGE_SHIFT)
		return NULL;
	while ((1ULL << order) < count)
		order++;
	if (align_order > PAGE_SHIFT && align_order - PAGE_SHIFT > order)
		order = align_order - PAGE_SHIFT;

	spin_lock_irqsave(&pg.lock, flags);
	pg_make_live();
	pfn = alloc_block(order);
	if (pfn) {
		b = pg_bank_of(pfn);
		p = pfn;
		for (int o = order; o >= 0; o--) {
			if (count & (1ULL << o)) {
				b->meta[p - b->start] = piece_meta(count, o);
				p += 1ULL << o;
			}
		}
		pg_free_range(b, pfn + count, pfn + (1ULL << order));
	}
	spin_unlock_irqrestore(&pg.lock, flags);
	return pfn ? pfn_to_ptr(pfn) : NULL;
}

void page_free_size(void *p, uint64_t size)
{
	if (!p)
		return;
	free_checked(p, (size + PAGE_SIZE - 1) >> PAGE_SHIFT);
}
