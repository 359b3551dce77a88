/*
 * Unit tests of named shared memory objects (core/mm/shmem.c) and of the
 * "shmem" command (commands/cmd_shmem.c), run through the shell executor
 * over a page allocator whose "physical memory" is a host buffer.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <vmm/cmd.h>
#include <vmm/page.h>
#include <vmm/shmem.h>
#include "capture.h"
#include "unit.h"

#define RAM	(64UL << 20)
#define RULER	"-------------------------------------------------------------------------------"

static void fresh_ram(void)
{
	static void *ram;

	if (!ram)
		ram = aligned_alloc(RAM, RAM);
	page_init();
	CHECK_EQ(page_add_region((uintptr_t)ram, RAM), 0);
}

static const char *run(const char *line, int *rc)
{
	static char buf[VMM_CMD_LINE_MAX];

	snprintf(buf, sizeof(buf), "%s", line);
	capture_begin();
	*rc = vmm_cmd_exec_line(buf);
	return capture_end();
}

static uint64_t used_pages(void)
{
	struct page_stats st;

	page_get_stats(&st);
	return st.used_pages;
}

UNIT_TEST(test_create_find_destroy)
{
	struct shmem *s;
	uint64_t base;
	uint8_t *p;

	fresh_ram();
	base = used_pages();
	CHECK_EQ(shmem_create("a", 5000, 0), 0);
	CHECK_EQ(used_pages(), base + 2);
	CHECK_EQ(shmem_create("a", 4096, 12), -EEXIST);
	CHECK_EQ(used_pages(), base + 2);
	CHECK_EQ(shmem_create("b", 1 << 20, 21), 0);
	s = shmem_find("b");
	CHECK(s != NULL);
	CHECK_STR(shmem_name(s), "b");
	CHECK_EQ(shmem_size(s), 1 << 20);
	CHECK_EQ(shmem_align_order(s), 21);
	CHECK_EQ(shmem_phys(s) & ((1 << 21) - 1), 0);
	p = (uint8_t *)(uintptr_t)shmem_phys(s);
	CHECK_EQ(p[0] | p[(1 << 20) - 1], 0);
	CHECK_EQ(shmem_refcount(s), 2);
	shmem_get(s);
	CHECK_EQ(shmem_refcount(s), 3);
	CHECK_EQ(shmem_destroy("b"), -EBUSY);
	shmem_put(s);
	shmem_put(s);
	shmem_put(s);			/* cannot drop the existence reference */
	CHECK_EQ(shmem_refcount(s), 1);
	CHECK_EQ(shmem_destroy("b"), 0);
	CHECK(shmem_find("b") == NULL);
	CHECK_EQ(shmem_destroy("b"), -ENOENT);
	CHECK_EQ(shmem_destroy("a"), 0);
	CHECK_EQ(used_pages(), base);
}

UNIT_TEST(test_create_errors)
{
	fresh_ram();
	CHECK_EQ(shmem_create("", 4096, 12), -EINVAL);
	CHECK_EQ(shmem_create("x", 0, 12), -EINVAL);
	CHECK_EQ(shmem_create("x", 4096, 31), -EINVAL);
	CHECK_EQ(shmem_create("0123456789012345678901234567890123", 4096, 12), -ENAMETOOLONG);
	CHECK_EQ(shmem_create("big", RAM, 12), -ENOMEM);
	CHECK_EQ(shmem_list(NULL, 0), 0);
}

UNIT_TEST(test_list_order_and_snapshot)
{
	struct shmem_info v[2];

	fresh_ram();
	CHECK_EQ(shmem_create("one", 4096, 12), 0);
	CHECK_EQ(shmem_create("two", 8192, 13), 0);
	CHECK_EQ(shmem_create("three", 4096, 12), 0);
	CHECK_EQ(shmem_list(v, 2), 3);
	CHECK_STR(v[0].name, "one");
	CHECK_STR(v[1].name, "two");
	CHECK_EQ(v[1].size, 8192);
	CHECK_EQ(v[1].align_order, 13);
	CHECK_EQ(v[1].refcount, 1);
	CHECK_EQ(shmem_destroy("one"), 0);
	CHECK_EQ(shmem_destroy("two"), 0);
	CHECK_EQ(shmem_destroy("three"), 0);
}

UNIT_TEST(test_command)
{
	char row[128];
	const char *out;
	struct shmem *s;
	int rc;

	fresh_ram();
	out = run("shmem create default 0x1000000", &rc);
	CHECK_EQ(rc, 0);
	CHECK_STR(out, "Created default shared memory\n");
	s = shmem_find("default");
	CHECK(s != NULL);
	CHECK_EQ(shmem_align_order(s), 12);
	out = run("shmem list", &rc);
	CHECK_EQ(rc, 0);
	snprintf(row, sizeof(row), " %-16s 0x%016llx 0x%016llx %-11u %u\n", "default",
		 (unsigned long long)shmem_phys(s), 0x1000000ULL, 12, 2);
	CHECK(!strncmp(out, RULER "\n Name ", strlen(RULER) + 7));
	CHECK(strstr(out, row) != NULL);
	CHECK(strstr(out, "Physical address") && strstr(out, "Ref count"));
	out = run("shmem destroy default", &rc);
	CHECK_EQ(rc, -EBUSY);
	CHECK(!strncmp(out, "Failed to destroy default shared memory: ", 41));
	shmem_put(s);
	out = run("shmem destroy default", &rc);
	CHECK_EQ(rc, 0);
	out = run("shmem create x 0x2000 20", &rc);
	CHECK_EQ(rc, 0);
	CHECK_EQ(shmem_phys(s = shmem_find("x")) & ((1 << 20) - 1), 0);
	shmem_put(s);
	out = run("shmem create x 0x2000", &rc);
	CHECK_EQ(rc, -EEXIST);
	CHECK(!strncmp(out, "Failed to create x shared memory: ", 34));
	out = run("shmem create y zz", &rc);
	CHECK_EQ(rc, -EINVAL);
	out = run("shmem bogus", &rc);
	CHECK_EQ(rc, -EINVAL);
	CHECK(strstr(out, "Usage:") != NULL);
	CHECK_EQ(shmem_destroy("x"), 0);
}

UNIT_MAIN();
