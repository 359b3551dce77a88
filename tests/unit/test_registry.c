/*
 * The named-object registry: duplicate names refused atomically, lookups,
 * walks in insertion order through the typed for_each, and removal.
 */
#include <errno.h>
#include <string.h>
#include <vmm/registry.h>
#include "unit.h"

struct thing {
	char name[16];
	struct list_head node;
};

static REGISTRY(things);

static bool name_matches(const struct list_head *node, const void *name)
{
	return !strcmp(list_entry(node, struct thing, node)->name, name);
}

void thing_for_each(void (*fn)(struct thing *t, void *arg), void *arg);
REGISTRY_DEFINE_FOR_EACH(thing_for_each, things, struct thing, node)

static void append_name(struct thing *t, void *arg)
{
	strcat(arg, t->name);
}

UNIT_TEST(add_find_walk_del)
{
	struct thing a = { .name = "a" }, b = { .name = "b" }, a2 = { .name = "a" };
	char seen[16] = "";

	CHECK_EQ(registry_add(&things, &a.node, name_matches, a.name), 0);
	CHECK_EQ(registry_add(&things, &b.node, name_matches, b.name), 0);
	CHECK_EQ(registry_add(&things, &a2.node, name_matches, a2.name), -EEXIST);
	CHECK(registry_find(&things, name_matches, "a") == &a.node);
	CHECK(registry_find(&things, name_matches, "b") == &b.node);
	CHECK(registry_find(&things, name_matches, "c") == NULL);
	thing_for_each(append_name, seen);
	CHECK_STR(seen, "ab");
	registry_del(&things, &a.node);
	CHECK(registry_find(&things, name_matches, "a") == NULL);
	seen[0] = 0;
	thing_for_each(append_name, seen);
	CHECK_STR(seen, "b");
	CHECK_EQ(registry_add(&things, &a2.node, name_matches, a2.name), 0);
	registry_del(&things, &b.node);
	registry_del(&things, &a2.node);
}

UNIT_MAIN();
