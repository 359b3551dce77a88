/*
 * The one table of what the hypervisor virtualizes: for each ISA extension
 * a host may have, whether a guest gets it (pass) or not (hide), the
 * henvcfg bits that let the guest use it, and what it needs.  A vCPU's ISA
 * is what its configuration's riscv,isa asks for (see enum isa_rule), less
 * what the host lacks, less what this table hides; docs/isa.md gives the
 * reason for each entry.
 */
#include <arch/cpu.h>

#define HENVCFG_CBIE_FLUSH	(1UL << 4)	/* cbo.inval performs a flush */
#define HENVCFG_CBCFE		(1UL << 6)
#define HENVCFG_CBZE		(1UL << 7)
#define HENVCFG_ADUE		(1UL << 61)
#define HENVCFG_PBMTE		(1UL << 62)
#define HENVCFG_STCE		(1UL << 63)

#define L(c)	ISA_EXT_LETTER(c)
#define NONE	ISA_EXT_MAX

/*
 * NAMED: given when the configuration's riscv,isa names it (the letters
 * and Sstc, which Xvisor configurations name).  HOST: newer extensions,
 * given whenever the host has them, unless the configuration names some
 * HOST extensions, then only those.  HIDE: never.
 */
enum isa_rule { HIDE, NAMED, HOST };

static const struct isa_policy {
	unsigned int bit;
	enum isa_rule rule;
	unsigned int needs;		/* a bit the guest must also get, or NONE */
	unsigned long henvcfg;		/* set while the guest has it */
} isa_policy[] = {
	/* Letters first: later entries may need them. */
	{ L('i'), NAMED, NONE, 0 },
	{ L('m'), NAMED, L('i'), 0 },
	{ L('a'), NAMED, L('i'), 0 },
	{ L('f'), NAMED, L('i'), 0 },		/* FP state saved lazily */
	{ L('d'), NAMED, L('f'), 0 },
	{ L('c'), NAMED, L('i'), 0 },
	{ L('v'), NAMED, L('i'), 0 },		/* vector state saved lazily */
	{ L('h'), HIDE, NONE, 0 },		/* nested/ gives it on opt-in */
	{ ISA_EXT_SSTC, NAMED, NONE, HENVCFG_STCE },
	{ ISA_EXT_SVPBMT, HOST, NONE, HENVCFG_PBMTE },
	{ ISA_EXT_SVADU, HOST, NONE, HENVCFG_ADUE },
	{ ISA_EXT_SVNAPOT, HOST, NONE, 0 },
	{ ISA_EXT_SVINVAL, HOST, NONE, 0 },
	{ ISA_EXT_ZICBOM, HOST, NONE, HENVCFG_CBIE_FLUSH | HENVCFG_CBCFE },
	{ ISA_EXT_ZICBOZ, HOST, NONE, HENVCFG_CBZE },
	{ ISA_EXT_ZIHINTPAUSE, HOST, NONE, 0 },
	{ ISA_EXT_ZICOND, HOST, NONE, 0 },
	{ ISA_EXT_ZBA, HOST, NONE, 0 },
	{ ISA_EXT_ZBB, HOST, NONE, 0 },
	{ ISA_EXT_ZBC, HOST, NONE, 0 },
	{ ISA_EXT_ZBS, HOST, NONE, 0 },
	{ ISA_EXT_ZFH, HOST, L('f'), 0 },
	{ ISA_EXT_SSCOFPMF, HIDE, NONE, 0 },	/* no PMU counters for guests */
	{ ISA_EXT_SSAIA, HIDE, NONE, 0 },	/* vcpu_aia.c adds it per vCPU */
	{ ISA_EXT_SMAIA, HIDE, NONE, 0 },	/* M-mode */
	{ ISA_EXT_SMSTATEEN, HIDE, NONE, 0 },	/* M-mode */
	{ ISA_EXT_ZKR, HIDE, NONE, 0 },		/* seed CSR not granted to VS */
};

#define POLICIES	(sizeof(isa_policy) / sizeof(isa_policy[0]))

/* A cbo extension is usable only with its block size to tell the guest. */
static bool host_usable(unsigned int bit)
{
	if (!((host_isa >> bit) & 1))
		return false;
	if (bit == ISA_EXT_ZICBOM)
		return host_cbom_block != 0;
	if (bit == ISA_EXT_ZICBOZ)
		return host_cboz_block != 0;
	return true;
}

isa_set_t isa_guest_set(isa_set_t wanted)
{
	isa_set_t host_rule = 0, set = 0;

	for (unsigned int i = 0; i < POLICIES; i++)
		if (isa_policy[i].rule == HOST)
			host_rule |= 1ULL << isa_policy[i].bit;
	if (!(wanted & host_rule))
		wanted |= host_rule;
	for (unsigned int i = 0; i < POLICIES; i++) {
		const struct isa_policy *p = &isa_policy[i];

		if (p->rule != HIDE && ((wanted >> p->bit) & 1) && host_usable(p->bit) &&
		    (p->needs == NONE || ((set >> p->needs) & 1)))
			set |= 1ULL << p->bit;
	}
	return set;
}

unsigned long isa_henvcfg(isa_set_t set)
{
	unsigned long cfg = 0;

	for (unsigned int i = 0; i < POLICIES; i++)
		if ((set >> isa_policy[i].bit) & 1)
			cfg |= isa_policy[i].henvcfg;
	return cfg;
}

unsigned long isa_ext_value(isa_set_t set, unsigned int bit)
{
	if (bit >= ISA_EXT_MAX || !((set >> bit) & 1))
		return 0;
	if (bit == ISA_EXT_ZICBOM)
		return host_cbom_block;
	if (bit == ISA_EXT_ZICBOZ)
		return host_cboz_block;
	return 1;
}
