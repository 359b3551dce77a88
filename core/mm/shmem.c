/*
 * Named shared memory objects (contract in vmm/shmem.h): a list of
 * objects in creation order, each owning one page_alloc_aligned block,
 * with reference counts; one spinlock guards the list and the counts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/page.h>
#include <vmm/shmem.h>
#include <vmm/spinlock.h>

#define SHMEM_MAX_ALIGN	30

struct shmem {
	struct shmem *next;
	char name[SHMEM_NAME_LEN];
	void *mem;
	uint64_t size;
	unsigned int align_order;
	unsigned int refcount;
};

static spinlock_t shmem_lock = SPINLOCK_INIT;
static struct shmem *shmem_head;

/* The link pointing at the object called name (lock held). */
static struct shmem **lookup(const char *name)
{
	struct shmem **pp = &shmem_head;

	while (*pp && strcmp((*pp)->name, name))
		pp = &(*pp)->next;
	return pp;
}

int shmem_create(const char *name, uint64_t size, unsigned int align_order)
{
	unsigned long flags;
	struct shmem *s, **pp;
	int rc = 0;

	if (!name || !*name || !size || align_order > SHMEM_MAX_ALIGN)
		return -EINVAL;
	if (strlen(name) >= SHMEM_NAME_LEN)
		return -ENAMETOOLONG;
	if (align_order < SHMEM_DEFAULT_ALIGN)
		align_order = SHMEM_DEFAULT_ALIGN;
	size = (size + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->mem = page_alloc_aligned(size, align_order);
	if (!s->mem) {
		free(s);
		return -ENOMEM;
	}
	memset(s->mem, 0, size);
	strcpy(s->name, name);
	s->size = size;
	s->align_order = align_order;
	s->refcount = 1;

	spin_lock_irqsave(&shmem_lock, flags);
	pp = lookup(name);
	if (*pp)
		rc = -EEXIST;
	else
		*pp = s;
	spin_unlock_irqrestore(&shmem_lock, flags);
	if (rc) {
		page_free_size(s->mem, size);
		free(s);
	}
	return rc;
}

int shmem_destroy(const char *name)
{
	unsigned long flags;
	struct shmem *s, **pp;
	int rc = 0;

	if (!name)
		return -EINVAL;
	spin_lock_irqsave(&shmem_lock, flags);
	pp = lookup(name);
	s = *pp;
	if (!s)
		rc = -ENOENT;
	else if (s->refcount > 1)
		rc = -EBUSY;
	else
		*pp = s->next;
	spin_unlock_irqrestore(&shmem_lock, flags);
	if (!rc) {
		page_free_size(s->mem, s->size);
		free(s);
	}
	return rc;
}

struct shmem *shmem_find(const char *name)
{
	unsigned long flags;
	struct shmem *s;

	if (!name)
		return NULL;
	spin_lock_irqsave(&shmem_lock, flags);
	s = *lookup(name);
	if (s)
		s->refcount++;
	spin_unlock_irqrestore(&shmem_lock, flags);
	return s;
}

void shmem_get(struct shmem *s)
{
	unsigned long flags;

	spin_lock_irqsave(&shmem_lock, flags);
	s->refcount++;
	spin_unlock_irqrestore(&shmem_lock, flags);
}

/* The existence reference is only dropped by shmem_destroy. */
void shmem_put(struct shmem *s)
{
	unsigned long flags;

	spin_lock_irqsave(&shmem_lock, flags);
	if (s->refcount > 1)
		s->refcount--;
	spin_unlock_irqrestore(&shmem_lock, flags);
}

const char *shmem_name(const struct shmem *s)
{
	return s->name;
}

uint64_t shmem_phys(const struct shmem *s)
{
	return (uint64_t)(uintptr_t)s->mem;
}

uint64_t shmem_size(const struct shmem *s)
{
	return s->size;
}

unsigned int shmem_align_order(const struct shmem *s)
{
	return s->align_order;
}

unsigned int shmem_refcount(struct shmem *s)
{
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&shmem_lock, flags);
	n = s->refcount;
	spin_unlock_irqrestore(&shmem_lock, flags);
	return n;
}

unsigned int shmem_list(struct shmem_info *out, unsigned int max)
{
	unsigned long flags;
	unsigned int n = 0;

	spin_lock_irqsave(&shmem_lock, flags);
	for (struct shmem *s = shmem_head; s; s = s->next, n++) {
		if (n >= max)
			continue;
		memcpy(out[n].name, s->name, SHMEM_NAME_LEN);
		out[n].phys = shmem_phys(s);
		out[n].size = s->size;
		out[n].align_order = s->align_order;
		out[n].refcount = s->refcount;
	}
	spin_unlock_irqrestore(&shmem_lock, flags);
	return n;
}
