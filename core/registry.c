/*
 * Registries of named objects: the one implementation of the locking rule
 * stated in vmm/registry.h.
 */
#include <errno.h>
#include <vmm/registry.h>

static struct list_head *find_locked(struct registry *r, registry_match_t match, const void *key)
{
	struct list_head *n;

	for (n = r->head.next; n != &r->head; n = n->next)
		if (match(n, key))
			return n;
	return NULL;
}

int registry_add(struct registry *r, struct list_head *node, registry_match_t match,
		 const void *key)
{
	unsigned long flags;
	int rc = -EEXIST;

	spin_lock_irqsave(&r->lock, flags);
	if (!find_locked(r, match, key)) {
		list_add_tail(node, &r->head);
		rc = 0;
	}
	spin_unlock_irqrestore(&r->lock, flags);
	return rc;
}

void registry_del(struct registry *r, struct list_head *node)
{
	unsigned long flags;

	spin_lock_irqsave(&r->lock, flags);
	list_del_init(node);
	spin_unlock_irqrestore(&r->lock, flags);
}

struct list_head *registry_find(struct registry *r, registry_match_t match, const void *key)
{
	struct list_head *n;
	unsigned long flags;

	spin_lock_irqsave(&r->lock, flags);
	n = find_locked(r, match, key);
	spin_unlock_irqrestore(&r->lock, flags);
	return n;
}

void registry_for_each(struct registry *r, void (*fn)(struct list_head *node, void *arg),
		       void *arg)
{
	struct list_head *n;
	unsigned long flags;

	spin_lock_irqsave(&r->lock, flags);
	for (n = r->head.next; n != &r->head; n = n->next)
		fn(n, arg);
	spin_unlock_irqrestore(&r->lock, flags);
}
