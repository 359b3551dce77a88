/*
 * The hypervisor heap (contract in vmm/heap.h).  The arena is a sequence of
 * blocks, each with a header (size, magic, check word) and a footer (the
 * size again), so a block finds both neighbours in constant time.  Free
 * blocks sit in doubly linked lists, one per power of two of their size,
 * with the links in their payload; allocation is first fit from the list of
 * the wanted size upwards, splitting off an aligned lead and a tail when
 * they are big enough to be blocks.  Freeing checks the block, marks it
 * free and merges it with free neighbours.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <vmm/heap.h>
#include <vmm/spinlock.h>

#define MAGIC_USED	0x48a110c5u
#define MAGIC_FREE	0x48f7ee00u
#define HDR		16
#define OVERHEAD	(HDR + sizeof(size_t))
#define MIN_BLOCK	48	/* header, two links, footer */

struct hblk {
	size_t size;		/* whole block, multiple of 16 */
	uint32_t magic;
	uint32_t check;
};

struct hlinks {
	struct hblk *next, *prev;
};

static struct {
	spinlock_t lock;
	uintptr_t start, end;
	struct hblk *bins[HEAP_NR_BINS];
	size_t used, objects;
	unsigned long errors;
} hp = { .lock = SPINLOCK_INIT };

static uint32_t check_word(size_t size, uint32_t magic)
{
	return (uint32_t)size ^ (uint32_t)((uint64_t)size >> 32) ^ magic ^ 0x5a5aa5a5u;
}

static struct hlinks *links(struct hblk *b)
{
	return (struct hlinks *)(b + 1);
}

static size_t *footer(struct hblk *b)
{
	return (size_t *)((char *)b + b->size - sizeof(size_t));
}

static struct hblk *next_blk(struct hblk *b)
{
	return (struct hblk *)((char *)b + b->size);
}

static void set_block(struct hblk *b, size_t size, uint32_t magic)
{
	b->size = size;
	b->magic = magic;
	b->check = check_word(size, magic);
	*footer(b) = size;
}

static unsigned int bin_of(size_t size)
{
	unsigned int k = 63 - (unsigned int)__builtin_clzll(size);

	return k < HEAP_NR_BINS ? k : HEAP_NR_BINS - 1;
}

static void bin_add(struct hblk *b)
{
	struct hblk **head = &hp.bins[bin_of(b->size)];

	links(b)->prev = NULL;
	links(b)->next = *head;
	if (*head)
		links(*head)->prev = b;
	*head = b;
}

static void bin_del(struct hblk *b)
{
	struct hlinks *l = links(b);

	if (l->prev)
		links(l->prev)->next = l->next;
	else
		hp.bins[bin_of(b->size)] = l->next;
	if (l->next)
		links(l->next)->prev = l->prev;
}

static void make_free(struct hblk *b, size_t size)
{
	set_block(b, size, MAGIC_FREE);
	bin_add(b);
}

/* Is b a well-formed block inside the arena? */
static bool block_ok(struct hblk *b)
{
	uintptr_t a = (uintptr_t)b;

	if (a < hp.start || a + MIN_BLOCK > hp.end || (a & (HEAP_MIN_ALIGN - 1)))
		return false;
	if ((b->magic != MAGIC_USED && b->magic != MAGIC_FREE) ||
	    b->check != check_word(b->size, b->magic))
		return false;
	if (b->size < MIN_BLOCK || (b->size & (HEAP_MIN_ALIGN - 1)) || b->size > hp.end - a)
		return false;
	return *footer(b) == b->size;
}

/* Gap before the payload of b for alignment: 0 or a whole free block. */
static size_t lead_for(struct hblk *b, size_t align)
{
	uintptr_t a = (uintptr_t)b;
	uintptr_t payload = (a + HDR + align - 1) & ~(align - 1);

	if (payload - HDR != a && payload - HDR - a < MIN_BLOCK)
		payload = (a + HDR + MIN_BLOCK + align - 1) & ~(align - 1);
	return payload - HDR - a;
}

static void *carve(struct hblk *b, size_t lead, size_t need)
{
	size_t total = b->size;

	bin_del(b);
	if (lead) {
		make_free(b, lead);
		b = (struct hblk *)((char *)b + lead);
		total -= lead;
	}
	if (total - need >= MIN_BLOCK) {
		make_free((struct hblk *)((char *)b + need), total - need);
		total = need;
	}
	set_block(b, total, MAGIC_USED);
	hp.used += total;
	hp.objects++;
	return b + 1;
}

void *heap_alloc(size_t size, size_t align)
{
	unsigned long flags;
	size_t need;
	void *p = NULL;

	if (align < HEAP_MIN_ALIGN)
		align = HEAP_MIN_ALIGN;
	if ((align & (align - 1)) || size > SIZE_MAX / 2 || align > SIZE_MAX / 4)
		return NULL;
	need = (size + OVERHEAD + HEAP_MIN_ALIGN - 1) & ~(size_t)(HEAP_MIN_ALIGN - 1);
	if (need < MIN_BLOCK)
		need = MIN_BLOCK;
	spin_lock_irqsave(&hp.lock, flags);
	for (unsigned int k = bin_of(need); !p && k < HEAP_NR_BINS; k++) {
		for (struct hblk *b = hp.bins[k]; b; b = links(b)->next) {
			size_t lead = lead_for(b, align);

			if (lead <= b->size && b->size - lead >= need) {
				p = carve(b, lead, need);
				break;
			}
		}
	}
	spin_unlock_irqrestore(&hp.lock, flags);
	return p;
}

/* Why p cannot be freed, or NULL if it is a live allocation. */
static const char *bad_pointer(void *p)
{
	uintptr_t a = (uintptr_t)p;
	struct hblk *b = (struct hblk *)p - 1;

	if ((a & (HEAP_MIN_ALIGN - 1)) || a < hp.start + HDR || a >= hp.end)
		return "pointer outside the heap";
	if (b->magic == MAGIC_FREE && b->check == check_word(b->size, MAGIC_FREE))
		return "double free";
	if (!block_ok(b) || b->magic != MAGIC_USED)
		return "corrupted block header or footer";
	return NULL;
}

/* Free block b, merging it with free neighbours; returns a problem found. */
static const char *release(struct hblk *b)
{
	struct hblk *n = next_blk(b);
	size_t size = b->size;
	const char *warn = NULL;

	hp.used -= size;
	hp.objects--;
	set_block(b, size, MAGIC_FREE);
	if ((uintptr_t)n < hp.end) {
		if (!block_ok(n)) {
			warn = "corrupted header after the freed block";
		} else if (n->magic == MAGIC_FREE) {
			bin_del(n);
			size += n->size;
		}
	}
	if ((uintptr_t)b > hp.start) {
		size_t psize = *((size_t *)b - 1);
		struct hblk *pb = (struct hblk *)((char *)b - psize);

		if (psize > (uintptr_t)b - hp.start || !block_ok(pb) || pb->size != psize)
			warn = "corrupted footer before the freed block";
		else if (pb->magic == MAGIC_FREE) {
			bin_del(pb);
			size += psize;
			b = pb;
		}
	}
	make_free(b, size);
	return warn;
}

void heap_free(void *p)
{
	unsigned long flags;
	const char *why;

	if (!p)
		return;
	spin_lock_irqsave(&hp.lock, flags);
	why = bad_pointer(p);
	if (!why)
		why = release((struct hblk *)p - 1);
	if (why)
		hp.errors++;
	spin_unlock_irqrestore(&hp.lock, flags);
	if (why)
		printf("heap: %s at %p\n", why, p);
}

size_t heap_usable_size(void *p)
{
	unsigned long flags;
	size_t n = 0;

	if (!p)
		return 0;
	spin_lock_irqsave(&hp.lock, flags);
	if (!bad_pointer(p))
		n = ((struct hblk *)p - 1)->size - OVERHEAD;
	spin_unlock_irqrestore(&hp.lock, flags);
	return n;
}

int heap_init(void *base, size_t size)
{
	uintptr_t s = ((uintptr_t)base + HEAP_MIN_ALIGN - 1) & ~(uintptr_t)(HEAP_MIN_ALIGN - 1);
	uintptr_t e = ((uintptr_t)base + size) & ~(uintptr_t)(HEAP_MIN_ALIGN - 1);
	unsigned long flags;

	if (!base || e < s + MIN_BLOCK)
		return -EINVAL;
	spin_lock_irqsave(&hp.lock, flags);
	memset(hp.bins, 0, sizeof(hp.bins));
	hp.start = s;
	hp.end = e;
	hp.used = 0;
	hp.objects = 0;
	hp.errors = 0;
	make_free((struct hblk *)s, e - s);
	spin_unlock_irqrestore(&hp.lock, flags);
	return 0;
}

void heap_get_stats(struct heap_stats *st)
{
	unsigned long flags;

	memset(st, 0, sizeof(*st));
	spin_lock_irqsave(&hp.lock, flags);
	st->base = (void *)hp.start;
	st->total = hp.end - hp.start;
	st->used = hp.used;
	st->free = st->total - st->used;
	st->objects = hp.objects;
	st->errors = hp.errors;
	for (unsigned int k = 0; k < HEAP_NR_BINS; k++) {
		for (struct hblk *b = hp.bins[k]; b; b = links(b)->next) {
			st->free_blocks++;
			if (b->size - OVERHEAD > st->largest_free)
				st->largest_free = b->size - OVERHEAD;
		}
	}
	spin_unlock_irqrestore(&hp.lock, flags);
}

void heap_free_histogram(size_t counts[HEAP_NR_BINS])
{
	unsigned long flags;

	spin_lock_irqsave(&hp.lock, flags);
	for (unsigned int k = 0; k < HEAP_NR_BINS; k++) {
		counts[k] = 0;
		for (struct hblk *b = hp.bins[k]; b; b = links(b)->next)
			counts[k]++;
	}
	spin_unlock_irqrestore(&hp.lock, flags);
}

int heap_check(void)
{
	unsigned long flags;
	size_t used = 0, objects = 0;
	const char *why = NULL;
	struct hblk *b = (struct hblk *)hp.start, *bad = NULL;
	bool prev_free = false;

	spin_lock_irqsave(&hp.lock, flags);
	for (; !why && (uintptr_t)b < hp.end; b = next_blk(b)) {
		bad = b;
		if (!block_ok(b))
			why = "corrupted block";
		else if (prev_free && b->magic == MAGIC_FREE)
			why = "two adjacent free blocks";
		prev_free = b->magic == MAGIC_FREE;
		if (b->magic == MAGIC_USED) {
			used += b->size;
			objects++;
		}
	}
	if (!why && (used != hp.used || objects != hp.objects))
		why = "counters do not match the blocks";
	if (why)
		hp.errors++;
	spin_unlock_irqrestore(&hp.lock, flags);
	if (why)
		printf("heap: %s at %p\n", why, (void *)bad);
	return why ? -EFAULT : 0;
}
