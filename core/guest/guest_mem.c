/*
 * Guest memory: backing host memory for RAM and ROM regions (allocated in
 * power-of-two chunks, so a large region needs no large contiguous block),
 * lookups by guest physical address, and copies between the hypervisor
 * and guest memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>
#include <vmm/page.h>
#include <vmm/shmem.h>

static unsigned int floor_log2(uint64_t v)
{
	unsigned int l = 0;

	while (v >>= 1)
		l++;
	return l;
}

int region_alloc_chunks(struct guest_region *r, unsigned int align_order)
{
	uint64_t off = 0;
	unsigned int min_order = align_order > PAGE_SHIFT ? align_order - PAGE_SHIFT : 0;

	if (r->size & (PAGE_SIZE - 1))
		return -EINVAL;
	/* Chunks are ours from the first one, so a failure part-way frees
	 * them all (region_free_backing). */
	r->owned = true;
	while (off < r->size) {
		uint64_t left = r->size - off;
		int order = floor_log2(left >> PAGE_SHIFT);
		void *p = NULL;
		struct region_chunk *c;

		if (order > PAGE_MAX_ORDER)
			order = PAGE_MAX_ORDER;
		/* Keep the guest address aligned to the chunk size too. */
		while (order > 0 && (off & ((PAGE_SIZE << order) - 1)))
			order--;
		for (; order >= (int)min_order; order--) {
			p = page_zalloc(order);
			if (p)
				break;
		}
		if (!p)
			return -ENOMEM;
		c = realloc(r->chunks, (r->nchunks + 1) * sizeof(*c));
		if (!c) {
			page_free(p, order);
			return -ENOMEM;
		}
		r->chunks = c;
		c[r->nchunks].off = off;
		c[r->nchunks].hpa = (uint64_t)p;
		c[r->nchunks].size = PAGE_SIZE << order;
		c[r->nchunks].order = order;
		r->nchunks++;
		off += PAGE_SIZE << order;
	}
	return 0;
}

int region_set_backing(struct guest_region *r, uint64_t hpa)
{
	r->chunks = calloc(1, sizeof(*r->chunks));
	if (!r->chunks)
		return -ENOMEM;
	r->chunks[0].hpa = hpa;
	r->chunks[0].size = r->size;
	r->nchunks = 1;
	r->hpa = hpa;
	return 0;
}

void region_free_backing(struct guest_region *r)
{
	if (r->owned)
		for (unsigned int i = 0; i < r->nchunks; i++)
			page_free((void *)r->chunks[i].hpa, r->chunks[i].order);
	free(r->chunks);
	r->chunks = NULL;
	r->nchunks = 0;
	if (r->shm)
		shmem_put(r->shm);
	r->shm = NULL;
}

struct guest_region *guest_region_find(struct guest *g, uint64_t gpa)
{
	unsigned int lo = 0, hi = g->nregions;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;
		struct guest_region *r = &g->regions[mid];

		if (gpa < r->gpa)
			hi = mid;
		else if (gpa - r->gpa >= r->size)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

/* Host pointer for gpa inside a RAM/ROM region and how many bytes follow
 * it contiguously, or NULL. */
static void *gpa_to_host(struct guest *g, uint64_t gpa, uint64_t *avail)
{
	struct guest_region *r = guest_region_find(g, gpa);
	uint64_t off;

	if (!r || r->kind == REGION_VIRTUAL)
		return NULL;
	off = gpa - r->gpa;
	for (unsigned int i = 0; i < r->nchunks; i++) {
		const struct region_chunk *c = &r->chunks[i];

		if (off >= c->off && off - c->off < c->size) {
			*avail = c->size - (off - c->off);
			return (char *)c->hpa + (off - c->off);
		}
	}
	return NULL;
}

static long guest_copy(struct guest *g, uint64_t gpa, void *buf, uint64_t len, bool to_guest)
{
	uint64_t done = 0;

	while (done < len) {
		uint64_t avail, n;
		char *p = gpa_to_host(g, gpa + done, &avail);

		if (!p)
			return done ? (long)done : -EFAULT;
		n = len - done < avail ? len - done : avail;
		if (to_guest)
			memcpy(p, (char *)buf + done, n);
		else
			memcpy((char *)buf + done, p, n);
		done += n;
	}
	return done;
}

long guest_memory_write(struct guest *g, uint64_t gpa, const void *buf, uint64_t len)
{
	return guest_copy(g, gpa, (void *)buf, len, true);
}

long guest_memory_read(struct guest *g, uint64_t gpa, void *buf, uint64_t len)
{
	return guest_copy(g, gpa, buf, len, false);
}
