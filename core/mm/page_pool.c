/*
 * Banks and reservations of the physical page allocator: recording RAM
 * regions and reserved ranges, building the free pool from them (placing
 * each bank's metadata in a non-reserved part of the bank), withdrawing
 * ranges from the live pool, and the statistics and "host ram info" output.
 * The buddy blocks themselves are handled by page_alloc.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/page.h>
#include "page_internal.h"

struct pg_state pg = { .lock = SPINLOCK_INIT };

void page_init(void)
{
	unsigned long flags;

	spin_lock_irqsave(&pg.lock, flags);
	memset(&pg.banks, 0, sizeof(pg.banks));
	memset(&pg.resv, 0, sizeof(pg.resv));
	memset(&pg.free_list, 0, sizeof(pg.free_list));
	memset(&pg.nr_free, 0, sizeof(pg.nr_free));
	pg.nr_banks = 0;
	pg.nr_resv = 0;
	pg.live = false;
	spin_unlock_irqrestore(&pg.lock, flags);
}

static bool overlaps(uint64_t s1, uint64_t e1, uint64_t s2, uint64_t e2)
{
	return s1 < e2 && s2 < e1;
}

/* Lowest place for count pages in b clear of every recorded reservation. */
static bool find_meta_room(struct pg_bank *b, uint64_t count, uint64_t *where)
{
	for (unsigned int i = 0; i <= pg.nr_resv; i++) {
		uint64_t cand = i ? pg.resv[i - 1].end : b->start;
		bool clear = cand >= b->start && cand + count <= b->end;

		for (unsigned int j = 0; clear && j < pg.nr_resv; j++)
			clear = !overlaps(cand, cand + count, pg.resv[j].start, pg.resv[j].end);
		if (clear) {
			*where = cand;
			return true;
		}
	}
	return false;
}

/*
 * Next piece of b at or after pfn that is outside the reservations and the
 * metadata [ms, me): returns false when none is left.
 */
static bool next_free_piece(struct pg_bank *b, uint64_t pfn, uint64_t ms, uint64_t me,
			    uint64_t *s, uint64_t *e)
{
	while (pfn < b->end) {
		uint64_t next = b->end;
		bool covered = false;

		for (unsigned int i = 0; i <= pg.nr_resv && !covered; i++) {
			uint64_t rs = i < pg.nr_resv ? pg.resv[i].start : ms;
			uint64_t re = i < pg.nr_resv ? pg.resv[i].end : me;

			if (rs <= pfn && pfn < re) {
				pfn = re;
				covered = true;
			} else if (rs > pfn && rs < next) {
				next = rs;
			}
		}
		if (!covered) {
			*s = pfn;
			*e = next;
			return true;
		}
	}
	return false;
}

static int build_bank(struct pg_bank *b)
{
	uint64_t pages = b->end - b->start;
	uint64_t mcount = (pages + PAGE_SIZE - 1) >> PAGE_SHIFT;
	uint64_t ms, s, e, pfn;

	if (!find_meta_room(b, mcount, &ms))
		return -ENOMEM;
	b->meta = pfn_to_ptr(ms);
	memset(b->meta, 0, pages);
	b->free_pages = 0;
	for (pfn = b->start; next_free_piece(b, pfn, ms, ms + mcount, &s, &e); pfn = e)
		pg_free_range(b, s, e);
	b->reserved_pages = pages - b->free_pages;
	return 0;
}

void pg_make_live(void)
{
	unsigned int i = 0;

	if (pg.live)
		return;
	pg.live = true;
	while (i < pg.nr_banks) {
		if (build_bank(&pg.banks[i])) {
			printf("page: no room for the metadata of bank 0x%016llx, dropped\n",
			       (unsigned long long)pg.banks[i].start << PAGE_SHIFT);
			pg.banks[i] = pg.banks[--pg.nr_banks];
		} else {
			i++;
		}
	}
}

int page_add_region(uint64_t pa, uint64_t size)
{
	uint64_t start = (pa + PAGE_SIZE - 1) >> PAGE_SHIFT;
	uint64_t end = (pa + size) >> PAGE_SHIFT;
	unsigned long flags;
	struct pg_bank *b;
	int rc = 0;

	if (pa + size < pa)
		end = UINT64_MAX >> PAGE_SHIFT;
	if (!start)
		start = 1;	/* page frame 0 is never handed out */
	if (end <= start)
		return -EINVAL;
	spin_lock_irqsave(&pg.lock, flags);
	for (unsigned int i = 0; i < pg.nr_banks; i++)
		if (overlaps(start, end, pg.banks[i].start, pg.banks[i].end))
			rc = -EEXIST;
	if (!rc && pg.nr_banks == PAGE_MAX_BANKS)
		rc = -ENOSPC;
	if (!rc) {
		b = &pg.banks[pg.nr_banks];
		memset(b, 0, sizeof(*b));
		b->start = start;
		b->end = end;
		if (pg.live)
			rc = build_bank(b);
		if (!rc)
			pg.nr_banks++;
	}
	spin_unlock_irqrestore(&pg.lock, flags);
	return rc;
}

/* Is any page of [s, e) in bank b allocated? */
static bool range_busy(struct pg_bank *b, uint64_t s, uint64_t e)
{
	uint64_t head;
	unsigned int order;

	while (s < e) {
		int kind = pg_block_of(b, s, &head, &order);

		if (kind == PG_ALLOC)
			return true;
		s = kind ? head + (1ULL << order) : s + 1;
	}
	return false;
}

/* Withdraw the free pages of [s, e) in bank b. */
static void range_carve(struct pg_bank *b, uint64_t s, uint64_t e)
{
	uint64_t head, end;
	unsigned int order;

	while (s < e) {
		if (pg_block_of(b, s, &head, &order) != PG_FREE) {
			s++;
			continue;
		}
		end = head + (1ULL << order);
		pg_take_free(b, head, order);
		b->reserved_pages += (end < e ? end : e) - (head > s ? head : s);
		if (head < s)
			pg_free_range(b, head, s);
		if (end > e)
			pg_free_range(b, e, end);
		s = end;
	}
}

int page_reserve(uint64_t pa, uint64_t size)
{
	uint64_t start = pa >> PAGE_SHIFT;
	uint64_t end = (pa + size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	unsigned long flags;
	int rc = 0;

	if (!size)
		return 0;
	if (pa + size < pa || end < start)
		end = UINT64_MAX >> PAGE_SHIFT;
	spin_lock_irqsave(&pg.lock, flags);
	for (unsigned int i = 0; pg.live && i < pg.nr_banks; i++) {
		struct pg_bank *b = &pg.banks[i];

		if (overlaps(start, end, b->start, b->end) &&
		    range_busy(b, start > b->start ? start : b->start, end < b->end ? end : b->end))
			rc = -EBUSY;
	}
	for (unsigned int i = 0; !rc && pg.live && i < pg.nr_banks; i++) {
		struct pg_bank *b = &pg.banks[i];

		if (overlaps(start, end, b->start, b->end))
			range_carve(b, start > b->start ? start : b->start,
				    end < b->end ? end : b->end);
	}
	/* Recorded so that banks built later avoid it (best effort once live). */
	if (!rc && pg.nr_resv < PAGE_MAX_RESERVED)
		pg.resv[pg.nr_resv++] = (struct pg_range){ start, end };
	else if (!rc && !pg.live)
		rc = -ENOSPC;
	spin_unlock_irqrestore(&pg.lock, flags);
	return rc;
}

void page_get_stats(struct page_stats *st)
{
	unsigned long flags;

	memset(st, 0, sizeof(*st));
	spin_lock_irqsave(&pg.lock, flags);
	pg_make_live();
	st->nr_banks = pg.nr_banks;
	for (unsigned int i = 0; i < pg.nr_banks; i++) {
		st->total_pages += pg.banks[i].end - pg.banks[i].start;
		st->free_pages += pg.banks[i].free_pages;
		st->reserved_pages += pg.banks[i].reserved_pages;
	}
	memcpy(st->free_blocks, pg.nr_free, sizeof(st->free_blocks));
	spin_unlock_irqrestore(&pg.lock, flags);
	st->used_pages = st->total_pages - st->free_pages - st->reserved_pages;
}

int page_bank_get_info(unsigned int idx, struct page_bank_info *out)
{
	unsigned long flags;
	int rc = -ENOENT;

	spin_lock_irqsave(&pg.lock, flags);
	pg_make_live();
	if (idx < pg.nr_banks) {
		struct pg_bank *b = &pg.banks[idx];

		out->start = b->start << PAGE_SHIFT;
		out->pages = b->end - b->start;
		out->free_pages = b->free_pages;
		out->reserved_pages = b->reserved_pages;
		out->used_pages = out->pages - b->free_pages - b->reserved_pages;
		rc = 0;
	}
	spin_unlock_irqrestore(&pg.lock, flags);
	return rc;
}

int page_state_map(unsigned int idx, uint64_t first, unsigned int count, char *out)
{
	unsigned long flags;
	unsigned int n = 0;
	uint64_t head;
	unsigned int order;
	int rc = -ENOENT;

	spin_lock_irqsave(&pg.lock, flags);
	pg_make_live();
	if (idx < pg.nr_banks) {
		struct pg_bank *b = &pg.banks[idx];

		for (uint64_t pfn = b->start + first; n < count && pfn < b->end; pfn++, n++) {
			int kind = pg_block_of(b, pfn, &head, &order);

			out[n] = kind == PG_FREE ? '.' : kind == PG_ALLOC ? 'A' : 'R';
		}
		rc = n;
	}
	spin_unlock_irqrestore(&pg.lock, flags);
	return rc;
}

void page_print_info(void)
{
	struct page_bank_info bi;
	struct page_stats st;

	for (unsigned int i = 0; !page_bank_get_info(i, &bi); i++)
		printf("Bank %u: start 0x%016llx, size %llu KiB, free pages %llu, "
		       "used pages %llu, reserved pages %llu\n", i,
		       (unsigned long long)bi.start, (unsigned long long)bi.pages * 4,
		       (unsigned long long)bi.free_pages, (unsigned long long)bi.used_pages,
		       (unsigned long long)bi.reserved_pages);
	page_get_stats(&st);
	printf("Total: %llu pages (%llu MiB), free %llu KiB, used %llu KiB, reserved %llu KiB\n",
	       (unsigned long long)st.total_pages, (unsigned long long)st.total_pages >> 8,
	       (unsigned long long)st.free_pages * 4, (unsigned long long)st.used_pages * 4,
	       (unsigned long long)st.reserved_pages * 4);
}
