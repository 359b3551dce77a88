/*
 * Unit tests of the physical page allocator (core/mm/page_alloc.c and
 * core/mm/page_pool.c).  "Physical memory" is a large anonymous mapping whose
 * addresses serve as physical addresses; untouched pages cost nothing.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <vmm/page.h>
#include "unit.h"

#define MiB		(1ULL << 20)
#define GiB		(1ULL << 30)

static uint8_t *ram_base(void)
{
	static uint8_t *base;

	if (!base) {
		void *m = mmap(NULL, 4 * GiB, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

		if (m == MAP_FAILED)
			abort();
		base = (uint8_t *)(((uintptr_t)m + GiB - 1) & ~(GiB - 1));
	}
	return base;
}

static uint64_t pa(uint64_t off)
{
	return (uint64_t)(uintptr_t)ram_base() + off;
}

static void fresh(uint64_t size)
{
	page_init();
	CHECK_EQ(page_add_region(pa(0), size), 0);
}

static int same_stats(const struct page_stats *a, const struct page_stats *b)
{
	return !memcmp(a, b, sizeof(*a));
}

UNIT_TEST(test_build_counts)
{
	struct page_stats st;
	struct page_bank_info bi;

	fresh(16 * MiB);
	page_get_stats(&st);
	CHECK_EQ(st.nr_banks, 1);
	CHECK_EQ(st.total_pages, 4096);
	CHECK_EQ(st.reserved_pages, 1);	/* one metadata page */
	CHECK_EQ(st.free_pages, 4095);
	CHECK_EQ(st.used_pages, 0);
	CHECK_EQ(page_bank_get_info(0, &bi), 0);
	CHECK_EQ(bi.start, pa(0));
	CHECK_EQ(bi.pages, 4096);
	CHECK_EQ(page_bank_get_info(1, &bi), -ENOENT);
}

UNIT_TEST(test_region_trim_and_errors)
{
	struct page_stats st;

	page_init();
	CHECK_EQ(page_add_region(pa(100), 4096), -EINVAL);
	CHECK_EQ(page_add_region(pa(100), 3 * 4096), 0);	/* pages 1 and 2 */
	CHECK_EQ(page_add_region(pa(8192), 4096), -EEXIST);
	page_get_stats(&st);
	CHECK_EQ(st.total_pages, 2);
	for (int i = 1; i < PAGE_MAX_BANKS; i++)
		CHECK_EQ(page_add_region(pa(i * MiB), MiB), 0);
	CHECK_EQ(page_add_region(pa(20 * MiB), MiB), -ENOSPC);
}

UNIT_TEST(test_alignment_and_coalescing)
{
	struct page_stats base, st;
	void *p[PAGE_MAX_ORDER + 1];

	fresh(64 * MiB);
	page_get_stats(&base);
	for (unsigned int o = 0; o <= 12; o++) {
		p[o] = page_alloc(o);
		CHECK(p[o] != NULL);
		CHECK_EQ((uintptr_t)p[o] & ((PAGE_SIZE << o) - 1), 0);
	}
	page_get_stats(&st);
	CHECK_EQ(st.used_pages, (1 << 13) - 1);
	CHECK_EQ(st.free_pages, base.free_pages - ((1 << 13) - 1));
	for (unsigned int o = 0; o <= 12; o += 2)
		page_free(p[o], o);
	for (unsigned int o = 1; o <= 12; o += 2)
		page_free(p[o], o);
	page_get_stats(&st);
	CHECK(same_stats(&st, &base));
	CHECK(page_alloc(PAGE_MAX_ORDER + 1) == NULL);
}

UNIT_TEST(test_zalloc)
{
	uint8_t *p;

	fresh(4 * MiB);
	p = page_alloc(2);
	memset(p, 0xa5, 4 * PAGE_SIZE);
	page_free(p, 2);
	p = page_zalloc(2);
	CHECK(p != NULL);
	for (int i = 0; p && i < 4 * 4096; i++)
		if (p[i])
			CHECK_EQ(p[i], 0);
	page_free(p, 2);
}

UNIT_TEST(test_exhaustion)
{
	struct page_stats base, st;
	static void *all[4096];
	unsigned int n = 0;

	fresh(16 * MiB);
	page_get_stats(&base);
	while (n < 4096 && (all[n] = page_alloc(0)))
		n++;
	CHECK_EQ(n, base.free_pages);
	CHECK(page_alloc(0) == NULL);
	page_get_stats(&st);
	CHECK_EQ(st.free_pages, 0);
	for (unsigned int i = 0; i < n; i += 2)
		page_free(all[i], 0);
	for (unsigned int i = 1; i < n; i += 2)
		page_free(all[i], 0);
	page_get_stats(&st);
	CHECK(same_stats(&st, &base));
}

UNIT_TEST(test_bad_free_detected)
{
	struct page_stats base, st;
	void *p;

	fresh(4 * MiB);
	p = page_alloc(1);
	page_get_stats(&base);
	page_free(p, 0);			/* wrong order */
	page_free((uint8_t *)p + 4096, 0);	/* inside the block */
	page_free((uint8_t *)p + 8, 1);		/* unaligned */
	page_free((void *)(uintptr_t)pa(1 * GiB), 0);	/* outside every bank */
	page_get_stats(&st);
	CHECK(same_stats(&st, &base));
	page_free(p, 1);
	page_get_stats(&base);
	page_free(p, 1);			/* double free */
	page_get_stats(&st);
	CHECK(same_stats(&st, &base));
}

UNIT_TEST(test_reserve_live_splits)
{
	struct page_stats base, st;
	void *p;

	fresh(16 * MiB);
	page_get_stats(&base);
	CHECK_EQ(page_reserve(pa(5 * MiB + 100), 3 * 4096), 0);	/* 4 pages */
	page_get_stats(&st);
	CHECK_EQ(st.free_pages, base.free_pages - 4);
	CHECK_EQ(st.reserved_pages, base.reserved_pages + 4);
	CHECK_EQ(page_reserve(pa(5 * MiB), 8 * 4096), 0);	/* overlaps: 4 more */
	page_get_stats(&st);
	CHECK_EQ(st.free_pages, base.free_pages - 8);
	while ((p = page_alloc(0))) {
		uint64_t a = (uint64_t)(uintptr_t)p;

		CHECK(a < pa(5 * MiB) || a >= pa(5 * MiB + 8 * 4096));
	}
	page_get_stats(&st);
	CHECK_EQ(st.free_pages, 0);
	CHECK_EQ(page_reserve(pa(0), 4 * 4096), -EBUSY);
	CHECK_EQ(page_reserve(pa(2 * GiB), 4096), 0);	/* outside: ignored */
}

UNIT_TEST(test_reserve_before_build)
{
	struct page_stats st;
	uint8_t *low = (uint8_t *)(uintptr_t)pa(0);
	void *p;

	page_init();
	memset(low, 0x5a, 2 * 4096);
	CHECK_EQ(page_add_region(pa(0), 8 * MiB), 0);
	CHECK_EQ(page_reserve(pa(0), 2 * 4096), 0);
	CHECK_EQ(page_reserve(pa(4 * MiB), MiB), 0);
	page_get_stats(&st);
	CHECK_EQ(st.total_pages, 2048);
	CHECK_EQ(st.reserved_pages, 2 + 256 + 1);
	while ((p = page_alloc(0))) {
		uint64_t a = (uint64_t)(uintptr_t)p;

		CHECK(a >= pa(2 * 4096));
		CHECK(a < pa(4 * MiB) || a >= pa(5 * MiB));
	}
	for (int i = 0; i < 2 * 4096; i++)
		if (low[i] != 0x5a)
			CHECK_EQ(low[i], 0x5a);
}

UNIT_TEST(test_alloc_aligned)
{
	struct page_stats base, st;
	void *p, *q;

	fresh(128 * MiB);
	page_get_stats(&base);
	p = page_alloc_aligned(3 * 4096, 21);
	CHECK(p != NULL);
	CHECK_EQ((uintptr_t)p & (2 * MiB - 1), 0);
	q = page_alloc_aligned(48 * MiB + 1, 21);
	CHECK(q != NULL);
	CHECK_EQ((uintptr_t)q & (2 * MiB - 1), 0);
	page_get_stats(&st);
	CHECK_EQ(st.used_pages, 3 + 48 * 256 + 1);
	page_free_size(p, 2 * 4096);	/* wrong size: refused */
	page_get_stats(&st);
	CHECK_EQ(st.used_pages, 3 + 48 * 256 + 1);
	page_free_size(p, 3 * 4096);
	page_free_size(q, 48 * MiB + 1);
	page_get_stats(&st);
	CHECK(same_stats(&st, &base));
	CHECK(page_alloc_aligned(0, 12) == NULL);
	CHECK(page_alloc_aligned(GiB + 4096, 12) == NULL);
}

UNIT_TEST(test_max_order_and_banks)
{
	struct page_stats base, st;
	struct page_bank_info bi;
	void *g, *s;

	page_init();
	CHECK_EQ(page_add_region(pa(GiB), GiB), 0);
	CHECK_EQ(page_add_region(pa(0), 8 * MiB), 0);
	page_get_stats(&base);
	CHECK_EQ(base.nr_banks, 2);
	CHECK_EQ(page_bank_get_info(1, &bi), 0);
	CHECK_EQ(bi.reserved_pages, 1);
	/* The big bank lost its first pages to metadata: no 1 GiB block. */
	CHECK(page_alloc(PAGE_MAX_ORDER) == NULL);
	g = page_alloc(PAGE_MAX_ORDER - 1);
	CHECK_EQ((uint64_t)(uintptr_t)g, pa(GiB + GiB / 2));
	s = page_alloc(11);		/* 8 MiB: only in the big bank */
	CHECK(s != NULL);
	page_free(g, PAGE_MAX_ORDER - 1);
	page_free(s, 11);
	page_get_stats(&st);
	CHECK(same_stats(&st, &base));

	page_init();
	CHECK_EQ(page_add_region(pa(GiB), GiB), 0);
	CHECK_EQ(page_add_region(pa(2 * GiB), MiB), 0);
	CHECK_EQ(page_reserve(pa(GiB), GiB), 0);	/* no room for its metadata */
	CHECK_EQ(page_add_region(pa(0), 8 * MiB), 0);
	CHECK(page_alloc(PAGE_MAX_ORDER) == NULL);
	page_get_stats(&st);
	CHECK_EQ(st.nr_banks, 2);			/* the reserved bank was dropped */
	CHECK_EQ(st.total_pages, 256 + 2048);
}

/* Randomized alloc/free checked against a per-page ownership shadow. */
UNIT_TEST(test_random_stress)
{
	enum { NPAGES = 8192, SLOTS = 256 };
	static uint16_t owner[NPAGES];
	static struct { uint8_t *p; unsigned int order; } slot[SLOTS];
	struct page_stats base, st;
	uint64_t owned = 0;

	fresh(NPAGES * 4096ULL);
	page_get_stats(&base);
	memset(owner, 0, sizeof(owner));
	memset(slot, 0, sizeof(slot));
	srand(1234);
	for (int iter = 0; iter < 20000; iter++) {
		int i = rand() % SLOTS;

		if (!slot[i].p) {
			unsigned int o = rand() % 7;
			uint8_t *p = page_alloc(o);
			uint64_t first;

			if (!p) {
				page_get_stats(&st);
				for (unsigned int k = o; k <= PAGE_MAX_ORDER; k++)
					CHECK_EQ(st.free_blocks[k], 0);
				continue;
			}
			first = ((uintptr_t)p - pa(0)) >> 12;
			CHECK_EQ((uintptr_t)p & ((4096UL << o) - 1), 0);
			for (uint64_t k = 0; k < (1ULL << o); k++) {
				CHECK_EQ(owner[first + k], 0);
				owner[first + k] = i + 1;
				p[k * 4096 + 17] = (uint8_t)i;
			}
			slot[i].p = p;
			slot[i].order = o;
			owned += 1ULL << o;
		} else {
			uint64_t first = ((uintptr_t)slot[i].p - pa(0)) >> 12;

			for (uint64_t k = 0; k < (1ULL << slot[i].order); k++) {
				CHECK_EQ(owner[first + k], i + 1);
				CHECK_EQ(slot[i].p[k * 4096 + 17], (uint8_t)i);
				owner[first + k] = 0;
			}
			page_free(slot[i].p, slot[i].order);
			owned -= 1ULL << slot[i].order;
			slot[i].p = NULL;
		}
		if (iter % 1000 == 0) {
			page_get_stats(&st);
			CHECK_EQ(st.used_pages, owned);
			CHECK_EQ(st.free_pages + owned + st.reserved_pages, NPAGES);
		}
	}
	for (int i = 0; i < SLOTS; i++)
		if (slot[i].p)
			page_free(slot[i].p, slot[i].order);
	page_get_stats(&st);
	CHECK(same_stats(&st, &base));
}

UNIT_MAIN();
