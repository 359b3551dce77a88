/*
 * An emulated IMSIC interrupt file (AIA spec, "Incoming MSI controller"):
 * eidelivery (0/1), eithreshold, the eip/eie arrays (RV64: even register
 * numbers only, 64 identities each; the odd ones are illegal) and topei
 * with its claim, for a vCPU without a hardware guest interrupt file.  The
 * file drives its hart's external interrupt (the vCPU's VSEIP) through a
 * callback, told each level change: on while delivery is on and an
 * identity is pending, enabled and below a non-zero threshold.  The local
 * interrupt priority registers (0x30-0x3f) read 0.  Any hart may touch a
 * file (its vCPU's trapped CSR accesses, MSIs from the vAPLIC and other
 * vCPUs), so each one has a lock.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/spinlock.h>
#include "imsic_file.h"

#define ISEL_IPRIO_FIRST	0x30
#define ISEL_IPRIO_LAST		0x3f
#define ISEL_LAST		0xff

struct imsic_file {
	spinlock_t lock;
	void (*signal)(void *ctx, bool level);
	void *ctx;
	unsigned int num_ids;
	bool asserted;			/* level as last signalled */
	struct imsic_state s;
};

/* Bits of eip/eie word w that name identities 1..num_ids. */
static uint64_t valid_bits(struct imsic_file *f, unsigned int w)
{
	uint64_t m = ~0ULL;
	unsigned int first = w * 64;

	if (first > f->num_ids)
		return 0;
	if (f->num_ids - first < 63)
		m = (1ULL << (f->num_ids - first + 1)) - 1;
	return w ? m : m & ~1ULL;
}

static unsigned int topei(struct imsic_file *f)
{
	for (unsigned int w = 0; w < IMSIC_WORDS; w++) {
		uint64_t pe = f->s.eip[w] & f->s.eie[w];
		unsigned int id;

		if (!pe)
			continue;
		id = w * 64 + (unsigned int)__builtin_ctzll(pe);
		return !f->s.eithreshold || id < f->s.eithreshold ? id : 0;
	}
	return 0;
}

static void update(struct imsic_file *f)
{
	bool level = f->s.eidelivery == 1 && topei(f);

	if (level == f->asserted)
		return;
	f->asserted = level;
	f->signal(f->ctx, level);
}

static unsigned long rmw(unsigned long old, unsigned long new_val, unsigned long wmask)
{
	return (old & ~wmask) | (new_val & wmask);
}

static int reg_rmw(struct imsic_file *f, unsigned long isel, unsigned long *val,
		   unsigned long new_val, unsigned long wmask)
{
	uint64_t *word;
	unsigned int w;

	if (isel == IMSIC_EIDELIVERY) {
		*val = f->s.eidelivery;
		f->s.eidelivery = rmw(*val, new_val, wmask) & 1;
		return 0;
	}
	if (isel == IMSIC_EITHRESHOLD) {
		*val = f->s.eithreshold;
		f->s.eithreshold = rmw(*val, new_val, wmask) & IMSIC_MAX_IDS;
		return 0;
	}
	if (isel >= ISEL_IPRIO_FIRST && isel <= ISEL_IPRIO_LAST) {
		*val = 0;
		return 0;
	}
	if (isel < IMSIC_EIP0 || isel > ISEL_LAST || (isel & 1))
		return -EINVAL;
	w = (unsigned int)(isel & 0x3f) / 2;
	word = isel < IMSIC_EIE0 ? &f->s.eip[w] : &f->s.eie[w];
	*val = *word;
	*word = rmw(*word, new_val, wmask) & valid_bits(f, w);
	return 0;
}

static int file_csr_rmw(void *file, bool is_topei, unsigned long isel, unsigned long *val,
			unsigned long new_val, unsigned long wmask)
{
	struct imsic_file *f = file;
	unsigned long flags;
	unsigned int id;
	int rc = 0;

	spin_lock_irqsave(&f->lock, flags);
	if (is_topei) {
		id = topei(f);
		*val = id ? ((unsigned long)id << 16) | id : 0;
		/* Any write claims the identity topei reported. */
		if (wmask && id)
			f->s.eip[id / 64] &= ~(1ULL << (id % 64));
	} else {
		rc = reg_rmw(f, isel, val, new_val, wmask);
	}
	update(f);
	spin_unlock_irqrestore(&f->lock, flags);
	return rc;
}

static void file_send_msi(void *file, unsigned int eiid)
{
	struct imsic_file *f = file;
	unsigned long flags;

	if (!eiid || eiid > f->num_ids)
		return;
	spin_lock_irqsave(&f->lock, flags);
	f->s.eip[eiid / 64] |= 1ULL << (eiid % 64);
	update(f);
	spin_unlock_irqrestore(&f->lock, flags);
}

static void file_take_state(void *file, struct imsic_state *s)
{
	struct imsic_file *f = file;
	unsigned long flags;

	spin_lock_irqsave(&f->lock, flags);
	*s = f->s;
	memset(&f->s, 0, sizeof(f->s));
	update(f);
	spin_unlock_irqrestore(&f->lock, flags);
}

static void file_give_state(void *file, const struct imsic_state *s)
{
	struct imsic_file *f = file;
	unsigned long flags;

	spin_lock_irqsave(&f->lock, flags);
	f->s.eidelivery = s->eidelivery & 1;
	f->s.eithreshold = s->eithreshold & IMSIC_MAX_IDS;
	for (unsigned int w = 0; w < IMSIC_WORDS; w++) {
		f->s.eip[w] = (f->s.eip[w] | s->eip[w]) & valid_bits(f, w);
		f->s.eie[w] = s->eie[w] & valid_bits(f, w);
	}
	update(f);
	spin_unlock_irqrestore(&f->lock, flags);
}

const struct vcpu_aia_emul_ops imsic_file_ops = {
	.csr_rmw = file_csr_rmw,
	.send_msi = file_send_msi,
	.take_state = file_take_state,
	.give_state = file_give_state,
};

struct imsic_file *imsic_file_create(unsigned int num_ids, void (*signal)(void *ctx, bool level),
				     void *ctx)
{
	struct imsic_file *f;

	if (!num_ids || num_ids > IMSIC_MAX_IDS)
		return NULL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	spin_lock_init(&f->lock);
	f->signal = signal;
	f->ctx = ctx;
	f->num_ids = num_ids;
	return f;
}

void imsic_file_destroy(struct imsic_file *f)
{
	free(f);
}
