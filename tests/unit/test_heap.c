/*
 * Unit tests of the hypervisor heap (core/mm/heap.c) over a private arena:
 * alignment, reuse, splitting and merging, statistics returning to their
 * baseline, detection of double frees and overwritten headers, and the
 * output of the "heap" command.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <vmm/cmd.h>
#include <vmm/heap.h>
#include "capture.h"
#include "unit.h"

#define ARENA	(1 << 20)

static void *arena(void)
{
	static void *a;

	if (!a)
		a = aligned_alloc(4096, ARENA);
	return a;
}

static void fresh(void)
{
	CHECK_EQ(heap_init(arena(), ARENA), 0);
}

UNIT_TEST(test_init)
{
	struct heap_stats st;

	CHECK_EQ(heap_init(arena(), 16), -EINVAL);
	CHECK_EQ(heap_init((char *)arena() + 3, 4096), 0);
	heap_get_stats(&st);
	CHECK_EQ(st.total, 4096 - 16);
	fresh();
	heap_get_stats(&st);
	CHECK_EQ(st.total, ARENA);
	CHECK_EQ(st.used, 0);
	CHECK_EQ(st.free, ARENA);
	CHECK_EQ(st.objects, 0);
	CHECK_EQ(st.free_blocks, 1);
	CHECK(st.largest_free > ARENA - 64);
	CHECK_EQ(heap_check(), 0);
}

UNIT_TEST(test_alignment_and_usable)
{
	void *p[40];

	fresh();
	for (int i = 0; i < 40; i++) {
		size_t align = 1UL << (i % 13);
		size_t size = 1 + i * 37;

		p[i] = heap_alloc(size, align);
		CHECK(p[i] != NULL);
		CHECK_EQ((uintptr_t)p[i] % (align < 16 ? 16 : align), 0);
		CHECK(heap_usable_size(p[i]) >= size);
		memset(p[i], 0xee, heap_usable_size(p[i]));
	}
	CHECK_EQ(heap_check(), 0);
	for (int i = 0; i < 40; i++)
		heap_free(p[i]);
	CHECK_EQ(heap_check(), 0);
	CHECK(heap_alloc(8, 24) == NULL);	/* not a power of two */
	CHECK_EQ(heap_usable_size(NULL), 0);
}

UNIT_TEST(test_reuse_and_merge)
{
	struct heap_stats base, st;
	void *a, *b, *c, *d;

	fresh();
	heap_get_stats(&base);
	a = heap_alloc(100, 0);
	b = heap_alloc(100, 0);
	c = heap_alloc(100, 0);
	heap_free(b);
	d = heap_alloc(90, 0);
	CHECK(d == b);				/* the hole is reused */
	heap_free(a);
	heap_free(d);				/* merges with a */
	heap_get_stats(&st);
	CHECK_EQ(st.objects, 1);
	CHECK_EQ(st.free_blocks, 2);
	d = heap_alloc(200, 0);			/* fits only in the merged hole */
	CHECK(d == a);
	heap_free(d);
	heap_free(c);				/* merges both sides */
	heap_get_stats(&st);
	CHECK(!memcmp(&st, &base, sizeof(st)));
	CHECK_EQ(heap_check(), 0);
}

UNIT_TEST(test_exhaustion_and_fragmentation)
{
	struct heap_stats base, st;
	static void *p[ARENA / 48 + 1];
	int n = 0;

	fresh();
	heap_get_stats(&base);
	while ((p[n] = heap_alloc(24, 0)))
		n++;
	CHECK(n > ARENA / 64);
	heap_get_stats(&st);
	CHECK_EQ(st.objects, n);
	CHECK(st.largest_free < 24);
	for (int i = 0; i < n; i += 2)
		heap_free(p[i]);
	heap_get_stats(&st);
	CHECK(st.largest_free < 100);
	CHECK(heap_alloc(100, 0) == NULL);	/* only small holes */
	CHECK_EQ(st.free_blocks, (n + 1) / 2);
	for (int i = 1; i < n; i += 2)
		heap_free(p[i]);
	heap_get_stats(&st);
	CHECK(!memcmp(&st, &base, sizeof(st)));
	CHECK_EQ(heap_check(), 0);
}

UNIT_TEST(test_double_free_detected)
{
	struct heap_stats before, after;
	const char *out;
	void *a, *b;

	fresh();
	a = heap_alloc(64, 0);
	b = heap_alloc(64, 0);
	heap_free(a);
	heap_get_stats(&before);
	capture_begin();
	heap_free(a);
	out = capture_end();
	CHECK(strstr(out, "heap: double free at") != NULL);
	heap_get_stats(&after);
	CHECK_EQ(after.errors, before.errors + 1);
	CHECK_EQ(after.objects, before.objects);
	CHECK_EQ(after.used, before.used);
	heap_free(b);
	capture_begin();
	heap_free(b);				/* merged into a's block */
	heap_free((char *)b + 16);		/* not a block */
	heap_free((void *)16);			/* outside */
	out = capture_end();
	CHECK(strstr(out, "heap: double free at") != NULL);
	CHECK(strstr(out, "heap: pointer outside the heap at") != NULL);
	heap_get_stats(&after);
	CHECK_EQ(after.errors, before.errors + 4);
	CHECK_EQ(after.objects, 0);
	CHECK_EQ(heap_check(), 0);
}

UNIT_TEST(test_corruption_detected)
{
	struct heap_stats st;
	const char *out;
	uint8_t *a, *b;

	fresh();
	a = heap_alloc(32, 0);
	b = heap_alloc(32, 0);
	memset(b - 16, 0x41, 8);		/* overwrite b's header */
	capture_begin();
	heap_free(b);
	CHECK_EQ(heap_check(), -EFAULT);
	out = capture_end();
	CHECK(strstr(out, "heap: corrupted block header or footer at") != NULL);
	CHECK(strstr(out, "heap: corrupted block at") != NULL);
	heap_get_stats(&st);
	CHECK_EQ(st.objects, 2);
	CHECK_EQ(st.errors, 2);
	(void)a;
}

/* Random sizes and alignments against a shadow of live allocations. */
UNIT_TEST(test_random_stress)
{
	enum { SLOTS = 200 };
	static struct { uint8_t *p; size_t n; } s[SLOTS];
	struct heap_stats base, st;

	fresh();
	heap_get_stats(&base);
	memset(s, 0, sizeof(s));
	srand(99);
	for (int iter = 0; iter < 30000; iter++) {
		int i = rand() % SLOTS;

		if (!s[i].p) {
			size_t n = rand() % (rand() % 8 ? 200 : 9000);
			size_t align = 1UL << (rand() % 9);

			s[i].p = heap_alloc(n, align);
			if (!s[i].p)
				continue;
			CHECK_EQ((uintptr_t)s[i].p % align, 0);
			s[i].n = n;
			memset(s[i].p, i, n);
		} else {
			for (size_t k = 0; k < s[i].n; k++)
				if (s[i].p[k] != (uint8_t)i)
					CHECK_EQ(s[i].p[k], (uint8_t)i);
			heap_free(s[i].p);
			s[i].p = NULL;
		}
		if (iter % 3000 == 0)
			CHECK_EQ(heap_check(), 0);
	}
	for (int i = 0; i < SLOTS; i++)
		heap_free(s[i].p);
	heap_get_stats(&st);
	CHECK(!memcmp(&st, &base, sizeof(st)));
	CHECK_EQ(heap_check(), 0);
}

static const char *run(const char *line, int *rc)
{
	static char buf[VMM_CMD_LINE_MAX];

	snprintf(buf, sizeof(buf), "%s", line);
	capture_begin();
	*rc = vmm_cmd_exec_line(buf);
	return capture_end();
}

UNIT_TEST(test_command)
{
	const char *out;
	int rc;

	fresh();
	heap_alloc(1000, 0);
	heap_alloc(3000, 0);
	out = run("heap info", &rc);
	CHECK_EQ(rc, 0);
	CHECK(strstr(out, "Total Size        : 1024 KiB (1048576 bytes)\n") != NULL);
	CHECK(strstr(out, "Used Size         : 3 KiB (4048 bytes)\n") != NULL);
	CHECK(strstr(out, "Free Size         : 1020 KiB (1044528 bytes)\n") != NULL);
	CHECK(strstr(out, "Allocated Objects : 2\n") != NULL);
	out = run("heap state", &rc);
	CHECK_EQ(rc, 0);
	CHECK(strstr(out, "524288 bytes and up: 1\n") != NULL);
	CHECK(strstr(out, "Consistency check : OK\n") != NULL);
	out = run("heap frob", &rc);
	CHECK_EQ(rc, -EINVAL);
	CHECK(strstr(out, "Usage:") != NULL);
}

UNIT_MAIN();
