/*
 * Virtual APLIC (`riscv,aplic`), one S-level domain in MSI delivery mode
 * only (domaincfg.DM reads 1), no child domains.  It is the guest's
 * interrupt-controller emulator: guest line N is source N.  A source
 * whose pending bit is set while enabled (and domaincfg.IE on) is sent as
 * an MSI to the vCPU named by its target register's hart index (guest
 * index 0), with the target's EIID, through that vCPU's interrupt file
 * (vmm/vcpu_aia.h), and its pending bit is cleared.  Pending rules follow
 * the AIA spec for MSI mode; in particular a level-sensitive source can
 * only be made pending (line edge, setip/setipnum) while its rectified
 * input is high, so a guest re-arming a level source through setipnum_le
 * does not loop (QEMU 7.2's own APLIC does, see docs/aia.md).
 * Config: `num_sources` (1..1023, default 31).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/spinlock.h>
#include <vmm/vcpu_aia.h>

#define MAX_SRC		1024
#define WORDS		(MAX_SRC / 32)
#define DOMAINCFG	0x0000
#define SOURCECFG	0x0004
#define SETIP		0x1c00
#define SETIPNUM	0x1cdc
#define IN_CLRIP	0x1d00
#define CLRIPNUM	0x1ddc
#define SETIE		0x1e00
#define SETIENUM	0x1edc
#define CLRIE		0x1f00
#define CLRIENUM	0x1fdc
#define SETIPNUM_LE	0x2000
#define SETIPNUM_BE	0x2004
#define GENMSI		0x3000
#define TARGET		0x3004
#define DOMAINCFG_IE	(1U << 8)
#define DOMAINCFG_DM	(1U << 2)
#define SM_MASK		7U
#define SM_DETACHED	1U
#define SM_EDGE1	4U
#define SM_LEVEL1	6U
#define SM_LEVEL0	7U
#define TARGET_MASK	0xfffff7ffU
#define GENMSI_MASK	0xfffc07ffU

struct vaplic {
	struct guest *guest;
	spinlock_t lock;
	unsigned int nsrc;
	uint32_t domaincfg;
	uint32_t sourcecfg[MAX_SRC];
	uint32_t target[MAX_SRC];
	uint32_t line[WORDS];		/* raw input levels */
	uint32_t pending[WORDS];
	uint32_t enabled[WORDS];
};

static bool bit(const uint32_t *map, unsigned int n)
{
	return map[n / 32] & (1U << (n % 32));
}

static void assign(uint32_t *map, unsigned int n, bool v)
{
	if (v)
		map[n / 32] |= 1U << (n % 32);
	else
		map[n / 32] &= ~(1U << (n % 32));
}

static unsigned int mode(struct vaplic *p, unsigned int s)
{
	return s && s <= p->nsrc ? p->sourcecfg[s] & SM_MASK : 0;
}

static bool active(struct vaplic *p, unsigned int s)
{
	unsigned int sm = mode(p, s);

	return sm == SM_DETACHED || sm >= SM_EDGE1;
}

static bool is_level(struct vaplic *p, unsigned int s)
{
	return mode(p, s) >= SM_LEVEL1;
}

/* Rectified input: the line, inverted for the ...0 modes; 0 if unused. */
static bool rectified(struct vaplic *p, unsigned int s)
{
	unsigned int sm = mode(p, s);

	if (sm < SM_EDGE1)
		return false;
	return bit(p->line, s) != (sm == SM_EDGE1 + 1 || sm == SM_LEVEL0);
}

static void send_msi(struct vaplic *p, uint32_t t)
{
	struct vcpu *v = vcpu_find(p->guest, t >> 18);

	if (v && !((t >> 12) & 0x3f) && (t & 0x7ff))
		vcpu_aia_send_msi(v, t & 0x7ff);
}

/* Forward source s if pending, enabled and the domain is enabled. */
static void deliver(struct vaplic *p, unsigned int s)
{
	if (!(p->domaincfg & DOMAINCFG_IE) || !bit(p->pending, s) || !bit(p->enabled, s))
		return;
	assign(p->pending, s, false);
	send_msi(p, p->target[s]);
}

static void set_pending(struct vaplic *p, unsigned int s, bool v)
{
	if (!active(p, s) || (v && is_level(p, s) && !rectified(p, s)))
		return;
	assign(p->pending, s, v);
	deliver(p, s);
}

static void set_enabled(struct vaplic *p, unsigned int s, bool v)
{
	if (!active(p, s))
		return;
	assign(p->enabled, s, v);
	deliver(p, s);
}

static void vaplic_set_level(void *priv, unsigned int irq, bool level)
{
	struct vaplic *p = priv;
	unsigned long flags;
	bool was;

	if (!irq || irq > p->nsrc)
		return;
	spin_lock_irqsave(&p->lock, flags);
	was = rectified(p, irq);
	assign(p->line, irq, level);
	if (!was && rectified(p, irq))
		set_pending(p, irq, true);
	else if (was && !rectified(p, irq) && is_level(p, irq))
		assign(p->pending, irq, false);
	spin_unlock_irqrestore(&p->lock, flags);
}

static const struct guest_irqchip_ops vaplic_ops = {
	.set_level = vaplic_set_level,
};

static void write_sourcecfg(struct vaplic *p, unsigned int s, uint32_t val)
{
	/* No child domains: D (bit 10) and the reserved modes 2/3 mean off. */
	if (val & (1U << 10) || (val & SM_MASK) == 2 || (val & SM_MASK) == 3)
		val = 0;
	p->sourcecfg[s] = val & SM_MASK;
	if (!active(p, s)) {
		assign(p->pending, s, false);
		assign(p->enabled, s, false);
	} else if (is_level(p, s)) {
		assign(p->pending, s, rectified(p, s));
		deliver(p, s);
	}
}

static void write_bits(struct vaplic *p, unsigned int word, uint32_t val,
		       void (*fn)(struct vaplic *p, unsigned int s, bool v), bool v)
{
	for (unsigned int b = 0; b < 32; b++)
		if (val & (1U << b))
			fn(p, word * 32 + b, v);
}

static uint32_t read_reg(struct vaplic *p, uint64_t off)
{
	uint32_t v = 0;

	if (off == DOMAINCFG)
		return 0x80000000U | p->domaincfg | DOMAINCFG_DM;
	if (off >= SOURCECFG && off < SOURCECFG + 4 * (MAX_SRC - 1))
		return p->sourcecfg[(off - SOURCECFG) / 4 + 1];
	if (off >= SETIP && off < SETIP + 4 * WORDS)
		return p->pending[(off - SETIP) / 4];
	if (off >= IN_CLRIP && off < IN_CLRIP + 4 * WORDS) {
		for (unsigned int b = 0; b < 32; b++)
			if (rectified(p, (unsigned int)(off - IN_CLRIP) / 4 * 32 + b))
				v |= 1U << b;
		return v;
	}
	if (off >= SETIE && off < SETIE + 4 * WORDS)
		return p->enabled[(off - SETIE) / 4];
	if (off >= TARGET && off < TARGET + 4 * (MAX_SRC - 1))
		return p->target[(off - TARGET) / 4 + 1];
	return 0;
}

static void write_reg(struct vaplic *p, uint64_t off, uint32_t val)
{
	if (off == DOMAINCFG) {
		p->domaincfg = val & DOMAINCFG_IE;
		for (unsigned int s = 1; s <= p->nsrc; s++)
			deliver(p, s);
	} else if (off >= SOURCECFG && off < SOURCECFG + 4 * (MAX_SRC - 1)) {
		unsigned int s = (unsigned int)(off - SOURCECFG) / 4 + 1;

		if (s <= p->nsrc)
			write_sourcecfg(p, s, val);
	} else if (off >= SETIP && off < SETIP + 4 * WORDS) {
		write_bits(p, (unsigned int)(off - SETIP) / 4, val, set_pending, true);
	} else if (off == SETIPNUM || off == SETIPNUM_LE) {
		set_pending(p, val, true);
	} else if (off == SETIPNUM_BE) {
		set_pending(p, __builtin_bswap32(val), true);
	} else if (off >= IN_CLRIP && off < IN_CLRIP + 4 * WORDS) {
		write_bits(p, (unsigned int)(off - IN_CLRIP) / 4, val, set_pending, false);
	} else if (off == CLRIPNUM) {
		set_pending(p, val, false);
	} else if (off >= SETIE && off < SETIE + 4 * WORDS) {
		write_bits(p, (unsigned int)(off - SETIE) / 4, val, set_enabled, true);
	} else if (off == SETIENUM) {
		set_enabled(p, val, true);
	} else if (off >= CLRIE && off < CLRIE + 4 * WORDS) {
		write_bits(p, (unsigned int)(off - CLRIE) / 4, val, set_enabled, false);
	} else if (off == CLRIENUM) {
		set_enabled(p, val, false);
	} else if (off == GENMSI) {
		send_msi(p, val & GENMSI_MASK);
	} else if (off >= TARGET && off < TARGET + 4 * (MAX_SRC - 1)) {
		unsigned int s = (unsigned int)(off - TARGET) / 4 + 1;

		if (s <= p->nsrc)
			p->target[s] = val & TARGET_MASK;
	}
}

static int vaplic_read(void *priv, uint64_t off, unsigned int width, uint64_t *val)
{
	struct vaplic *p = priv;
	unsigned long flags;

	if (width != 4 || (off & 3))
		return -EINVAL;
	spin_lock_irqsave(&p->lock, flags);
	*val = read_reg(p, off);
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

static int vaplic_write(void *priv, uint64_t off, unsigned int width, uint64_t val)
{
	struct vaplic *p = priv;
	unsigned long flags;

	if (width != 4 || (off & 3))
		return -EINVAL;
	spin_lock_irqsave(&p->lock, flags);
	write_reg(p, off, (uint32_t)val);
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

static void vaplic_reset(void *priv)
{
	struct vaplic *p = priv;
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	p->domaincfg = 0;
	for (unsigned int s = 0; s < MAX_SRC; s++)
		p->sourcecfg[s] = p->target[s] = 0;
	for (unsigned int w = 0; w < WORDS; w++)
		p->pending[w] = p->enabled[w] = 0;
	spin_unlock_irqrestore(&p->lock, flags);
}

static void vaplic_remove(void *priv)
{
	struct vaplic *p = priv;

	if (p->guest->irqchip_priv == p)
		p->guest->irqchip = NULL;
	free(p);
}

static int vaplic_probe(struct guest *g, struct guest_region *r, void **priv)
{
	int node = devtree_path_offset(r->node_path);
	struct vaplic *p;
	uint32_t n = 31;

	devtree_read_u32(node, "num_sources", &n);
	if (!n || n >= MAX_SRC)
		return -EINVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->guest = g;
	p->nsrc = n;
	spin_lock_init(&p->lock);
	if (guest_irqchip_register(g, &vaplic_ops, p)) {
		free(p);
		return -EBUSY;
	}
	*priv = p;
	return 0;
}

static const char *const vaplic_compat[] = { "riscv,aplic", NULL };
VMM_EMULATOR(vaplic_emulator) = {
	.name = "vaplic",
	.compatible = vaplic_compat,
	.probe = vaplic_probe,
	.read = vaplic_read,
	.write = vaplic_write,
	.reset = vaplic_reset,
	.remove = vaplic_remove,
};
