/*
 * Virtual PLIC (`sifive,plic0`, device_type `pic`) with the standard
 * register map: priorities at 4*source, pending bits at 0x1000, enables at
 * 0x2000 + 0x80*context, threshold and claim/complete at 0x200000 +
 * 0x1000*context.  There are two contexts per vCPU: 2k is a nominal
 * M-mode context that nothing drives, 2k+1 is vCPU k's S context, which
 * raises the vCPU's `parent_irq` (VSEIP) while its best pending and
 * enabled source is above its threshold.  Sources are level triggered:
 * a source is pending while its line is high and it is not being
 * serviced (claimed but not completed).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/spinlock.h>
#include <vmm/vcpu.h>

#define PLIC_MAX_SOURCES	1024
#define WORDS			(PLIC_MAX_SOURCES / 32)
#define PENDING_BASE		0x1000
#define ENABLE_BASE		0x2000
#define ENABLE_STRIDE		0x80
#define CONTEXT_BASE		0x200000
#define CONTEXT_STRIDE		0x1000

struct vplic {
	struct guest *guest;
	spinlock_t lock;
	unsigned int num_irq;		/* sources 1..num_irq */
	unsigned int max_priority;
	unsigned int parent_irq;
	unsigned int base_irq;		/* guest line of source 0 */
	unsigned int contexts;
	uint32_t priority[PLIC_MAX_SOURCES];
	uint32_t level[WORDS];
	uint32_t pending[WORDS];
	uint32_t in_service[WORDS];
	uint32_t (*enable)[WORDS];
	uint32_t *threshold;
	bool *asserted;
};

static bool test_bit(const uint32_t *map, unsigned int n)
{
	return map[n / 32] & (1U << (n % 32));
}

static void assign_bit(uint32_t *map, unsigned int n, bool v)
{
	if (v)
		map[n / 32] |= 1U << (n % 32);
	else
		map[n / 32] &= ~(1U << (n % 32));
}

/* Best pending, enabled source of a context above its threshold, or 0. */
static unsigned int best_source(struct vplic *p, unsigned int ctx)
{
	unsigned int best = 0, best_prio = p->threshold[ctx];

	for (unsigned int w = 0; w <= p->num_irq / 32; w++) {
		uint32_t cand = p->pending[w] & p->enable[ctx][w];

		while (cand) {
			unsigned int src = w * 32 + __builtin_ctz(cand);

			cand &= cand - 1;
			if (src && src <= p->num_irq && p->priority[src] > best_prio) {
				best = src;
				best_prio = p->priority[src];
			}
		}
	}
	return best;
}

/* Recompute every S context's output; call with the lock held. */
static void update_outputs(struct vplic *p)
{
	for (unsigned int ctx = 1; ctx < p->contexts; ctx += 2) {
		struct vcpu *v = vcpu_find(p->guest, ctx / 2);
		bool want = best_source(p, ctx) != 0;

		if (!v || want == p->asserted[ctx])
			continue;
		p->asserted[ctx] = want;
		if (want)
			vcpu_irq_assert(v, p->parent_irq);
		else
			vcpu_irq_deassert(v, p->parent_irq);
	}
}

static void vplic_set_level(void *priv, unsigned int irq, bool level)
{
	struct vplic *p = priv;
	unsigned int src = irq - p->base_irq;
	unsigned long flags;

	if (irq < p->base_irq || !src || src > p->num_irq)
		return;
	spin_lock_irqsave(&p->lock, flags);
	assign_bit(p->level, src, level);
	assign_bit(p->pending, src, level && !test_bit(p->in_service, src));
	update_outputs(p);
	spin_unlock_irqrestore(&p->lock, flags);
}

static const struct guest_irqchip_ops vplic_ops = {
	.set_level = vplic_set_level,
};

static uint32_t claim(struct vplic *p, unsigned int ctx)
{
	unsigned int src = best_source(p, ctx);

	if (src) {
		assign_bit(p->pending, src, false);
		assign_bit(p->in_service, src, true);
	}
	return src;
}

static void complete(struct vplic *p, unsigned int ctx, uint32_t src)
{
	if (!src || src > p->num_irq || !test_bit(p->enable[ctx], src))
		return;
	assign_bit(p->in_service, src, false);
	assign_bit(p->pending, src, test_bit(p->level, src));
}

static int vplic_read(void *priv, uint64_t off, unsigned int width, uint64_t *val)
{
	struct vplic *p = priv;
	unsigned long flags;
	uint32_t v = 0;

	if (width != 4 || (off & 3))
		return -EINVAL;
	spin_lock_irqsave(&p->lock, flags);
	if (off < PENDING_BASE) {
		if (off / 4 <= p->num_irq)
			v = p->priority[off / 4];
	} else if (off < ENABLE_BASE) {
		if ((off - PENDING_BASE) / 4 < WORDS)
			v = p->pending[(off - PENDING_BASE) / 4];
	} else if (off < CONTEXT_BASE) {
		uint64_t ctx = (off - ENABLE_BASE) / ENABLE_STRIDE;
		uint64_t word = (off - ENABLE_BASE) % ENABLE_STRIDE / 4;

		if (ctx < p->contexts)
			v = p->enable[ctx][word];
	} else {
		uint64_t ctx = (off - CONTEXT_BASE) / CONTEXT_STRIDE;
		uint64_t reg = (off - CONTEXT_BASE) % CONTEXT_STRIDE;

		if (ctx < p->contexts && reg == 0)
			v = p->threshold[ctx];
		else if (ctx < p->contexts && reg == 4) {
			v = claim(p, ctx);
			update_outputs(p);
		}
	}
	spin_unlock_irqrestore(&p->lock, flags);
	*val = v;
	return 0;
}

static int vplic_write(void *priv, uint64_t off, unsigned int width, uint64_t val)
{
	struct vplic *p = priv;
	unsigned long flags;

	if (width != 4 || (off & 3))
		return -EINVAL;
	spin_lock_irqsave(&p->lock, flags);
	if (off < PENDING_BASE) {
		if (off / 4 && off / 4 <= p->num_irq)
			p->priority[off / 4] = val > p->max_priority ? p->max_priority : val;
	} else if (off >= ENABLE_BASE && off < CONTEXT_BASE) {
		uint64_t ctx = (off - ENABLE_BASE) / ENABLE_STRIDE;
		uint64_t word = (off - ENABLE_BASE) % ENABLE_STRIDE / 4;

		if (ctx < p->contexts)
			p->enable[ctx][word] = word ? val : val & ~1U;
	} else if (off >= CONTEXT_BASE) {
		uint64_t ctx = (off - CONTEXT_BASE) / CONTEXT_STRIDE;
		uint64_t reg = (off - CONTEXT_BASE) % CONTEXT_STRIDE;

		if (ctx < p->contexts && reg == 0)
			p->threshold[ctx] = val > p->max_priority ? p->max_priority : val;
		else if (ctx < p->contexts && reg == 4)
			complete(p, ctx, val);
	}
	update_outputs(p);
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

static void vplic_reset(void *priv)
{
	struct vplic *p = priv;
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	memset(p->priority, 0, sizeof(p->priority));
	memset(p->pending, 0, sizeof(p->pending));
	memset(p->in_service, 0, sizeof(p->in_service));
	memset(p->enable, 0, p->contexts * sizeof(*p->enable));
	memset(p->threshold, 0, p->contexts * sizeof(*p->threshold));
	for (unsigned int src = 1; src <= p->num_irq; src++)
		assign_bit(p->pending, src, test_bit(p->level, src));
	update_outputs(p);
	spin_unlock_irqrestore(&p->lock, flags);
}

static void vplic_remove(void *priv)
{
	struct vplic *p = priv;

	p->guest->irqchip = NULL;
	free(p->enable);
	free(p->threshold);
	free(p->asserted);
	free(p);
}

static int vplic_probe(struct guest *g, struct guest_region *r, void **priv)
{
	int node = devtree_path_offset(r->node_path);
	struct vplic *p = calloc(1, sizeof(*p));
	uint32_t v;

	if (!p)
		return -ENOMEM;
	p->guest = g;
	spin_lock_init(&p->lock);
	p->num_irq = devtree_read_u32(node, "num_irq", &v) ? 1023 : v;
	p->max_priority = devtree_read_u32(node, "max_priority", &v) ? 16 : v;
	p->base_irq = devtree_read_u32(node, "base_irq", &v) ? 0 : v;
	if (devtree_read_u32(node, "parent_irq", &p->parent_irq) || p->num_irq >= PLIC_MAX_SOURCES ||
	    p->max_priority > 16) {
		free(p);
		return -EINVAL;
	}
	p->contexts = 2 * g->nvcpus;
	p->enable = calloc(p->contexts, sizeof(*p->enable));
	p->threshold = calloc(p->contexts, sizeof(*p->threshold));
	p->asserted = calloc(p->contexts, sizeof(*p->asserted));
	if (!p->enable || !p->threshold || !p->asserted || guest_irqchip_register(g, &vplic_ops, p)) {
		vplic_remove(p);
		return -ENOMEM;
	}
	*priv = p;
	return 0;
}

static const char *const vplic_compat[] = { "sifive,plic0", "riscv,plic0", NULL };
VMM_EMULATOR(vplic_emulator) = {
	.name = "vplic",
	.compatible = vplic_compat,
	.probe = vplic_probe,
	.read = vplic_read,
	.write = vplic_write,
	.reset = vplic_reset,
	.remove = vplic_remove,
};
