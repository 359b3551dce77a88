/*
 * Registries of named objects (guests, chardevs, RTCs, vdisks, vserial
 * ports): a list under one lock, with the locking rule in one place.
 *
 * Rule: every add, removal, lookup and walk holds the registry's lock (taken
 * with interrupts masked), so a walker or a lookup never sees a half-linked
 * or removed entry, and an add that finds a duplicate name fails atomically.
 * registry_for_each() holds the lock across its callback: the callback must
 * not sleep or block, and must not call back into the same registry.  An
 * entry found by registry_find() stays valid only as long as its owner's
 * life-cycle rules say (objects removed by their owner must not be freed
 * while a caller may still hold them; see each subsystem's header).
 */
#ifndef VMM_REGISTRY_H
#define VMM_REGISTRY_H

#include <stdbool.h>
#include <vmm/list.h>
#include <vmm/spinlock.h>

struct registry {
	struct list_head head;
	spinlock_t lock;
};

#define REGISTRY(var) struct registry var = { LIST_HEAD_INIT(var.head), SPINLOCK_INIT }

/* Does entry node match key (usually a name)? */
typedef bool (*registry_match_t)(const struct list_head *node, const void *key);

/* Append node unless an entry already matches key: 0, or -EEXIST. */
int registry_add(struct registry *r, struct list_head *node, registry_match_t match,
		 const void *key);
/* Unlink node (which must be in r). */
void registry_del(struct registry *r, struct list_head *node);
/* The first entry matching key, or NULL. */
struct list_head *registry_find(struct registry *r, registry_match_t match, const void *key);
/* Call fn on every entry in order, under the lock (see the rule above). */
void registry_for_each(struct registry *r, void (*fn)(struct list_head *node, void *arg),
		       void *arg);

/*
 * Define `void name(void (*fn)(type *obj, void *arg), void *arg)`, the typed
 * walk of registry reg whose entries are linked through type.member.
 */
#define REGISTRY_DEFINE_FOR_EACH(name, reg, type, member) \
	struct name##_walk { \
		void (*fn)(type *obj, void *arg); \
		void *arg; \
	}; \
	static void name##_one(struct list_head *node, void *walk) \
	{ \
		struct name##_walk *w = walk; \
		w->fn(list_entry(node, type, member), w->arg); \
	} \
	void name(void (*fn)(type *obj, void *arg), void *arg) \
	{ \
		struct name##_walk w = { fn, arg }; \
		registry_for_each(&(reg), name##_one, &w); \
	}

#endif
