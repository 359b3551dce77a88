/*
 * SBI NACL extension (EID 0x4E41434C, SBI 2.0 chapter 15), for vCPUs with
 * the H extension (docs/nested.md): a guest hypervisor batches its
 * hypervisor-CSR writes and hfences in a shared memory page set with
 * set_shmem, and has them done by one sync_csr / sync_hfence call instead
 * of one trap each.  Offered features: SYNC_CSR and SYNC_HFENCE;
 * SYNC_SRET and AUTOSWAP_CSR are not (sync_sret is NOT_SUPPORTED).  The
 * shared memory is 4 KiB of scratch space (the hfence entries and the CSR
 * dirty bitmap) and then one 64-bit slot per CSR, in guest RAM.
 */
#include <arch/cpu.h>
#include <arch/nested.h>
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_arch.h>
#include <vmm/guest.h>
#include "sbi_priv.h"

#define SBI_EXT_NACL		0x4E41434CUL

enum { NACL_PROBE_FEATURE, NACL_SET_SHMEM, NACL_SYNC_CSR, NACL_SYNC_HFENCE, NACL_SYNC_SRET };
enum { NACL_FEAT_SYNC_CSR, NACL_FEAT_SYNC_HFENCE, NACL_FEAT_SYNC_SRET, NACL_FEAT_AUTOSWAP_CSR };

#define SHMEM_HFENCE_OFF	0x0800UL
#define SHMEM_HFENCE_ENTRIES	(0x0780 / 32)	/* config, page number, count, - */
#define SHMEM_DBITMAP_OFF	0x0f80UL
#define SHMEM_CSR_OFF		0x1000UL
#define SHMEM_SIZE		(SHMEM_CSR_OFF + 1024 * 8)
#define HFENCE_PENDING		(1UL << 63)
#define HFENCE_TYPE(c)		(((c) >> 56) & 0xf)
#define HFENCE_TYPE_VVMA	4	/* 0-3: the hfence.gvma kinds, 4-7: hfence.vvma */
#define ALL			(~0UL)

/* The CSRs NACL synchronizes: the hypervisor and VS CSRs of the H extension. */
static const unsigned short nacl_csrs[] = {
	0x600, 0x602, 0x603, 0x604, 0x605, 0x606, 0x607, 0x60a, 0x643, 0x644, 0x645,
	0x64a, 0x680, 0xe12, 0x200, 0x204, 0x205, 0x240, 0x241, 0x242, 0x243, 0x244,
	0x24d, 0x280,
};

static bool nacl_probe(struct vcpu *v)
{
	return vcpu_arch(v)->nested != NULL;
}

static unsigned int csr_index(unsigned int csr)
{
	return ((csr & 0xc00) >> 2) | (csr & 0xff);
}

static long set_shmem(struct vcpu *v, unsigned long lo, unsigned long hi, unsigned long flags)
{
	struct sbi_vcpu *s = &vcpu_arch(v)->sbi;
	struct guest_region *r;

	if (flags)
		return SBI_ERR_INVALID_PARAM;
	if (lo == ALL && hi == ALL) {
		s->nacl_on = false;
		return SBI_SUCCESS;
	}
	if (lo & 0xfff)
		return SBI_ERR_INVALID_PARAM;
	r = guest_region_find(v->guest, lo);
	if (hi || !r || r->kind != REGION_RAM || lo - r->gpa > r->size - SHMEM_SIZE)
		return SBI_ERR_INVALID_ADDRESS;
	s->nacl_gpa = lo;
	s->nacl_on = true;
	return SBI_SUCCESS;
}

/* Write a dirty CSR's shared-memory value to it, then put its value there. */
static void sync_one(struct vcpu *v, unsigned int csr)
{
	uint64_t base = vcpu_arch(v)->sbi.nacl_gpa, slot;
	unsigned int i = csr_index(csr);
	unsigned long val;
	uint8_t bits;

	slot = base + SHMEM_CSR_OFF + 8 * i;
	if (guest_memory_read(v->guest, base + SHMEM_DBITMAP_OFF + i / 8, &bits, 1) != 1)
		return;
	if (bits & (1U << (i % 8))) {
		if (guest_memory_read(v->guest, slot, &val, 8) == 8)
			nested_csr(v, csr, &val, true);	/* a read-only CSR ignores it */
		bits &= ~(1U << (i % 8));
		guest_memory_write(v->guest, base + SHMEM_DBITMAP_OFF + i / 8, &bits, 1);
	}
	if (!nested_csr(v, csr, &val, false))
		guest_memory_write(v->guest, slot, &val, 8);
}

static long sync_csr(struct vcpu *v, unsigned long csr)
{
	unsigned long val;

	if (!vcpu_arch(v)->sbi.nacl_on)
		return SBI_ERR_NO_SHMEM;
	if (csr != ALL) {
		if (csr > 0xfff || nested_csr(v, csr, &val, false))
			return SBI_ERR_INVALID_PARAM;
		sync_one(v, csr);
		return SBI_SUCCESS;
	}
	for (unsigned int i = 0; i < sizeof(nacl_csrs) / sizeof(nacl_csrs[0]); i++)
		if (!nested_csr(v, nacl_csrs[i], &val, false))
			sync_one(v, nacl_csrs[i]);
	return SBI_SUCCESS;
}

/* Pending hfence entries are done (whole, as the trapped hfence is) and
 * marked done. */
static long sync_hfence(struct vcpu *v, unsigned long entry)
{
	uint64_t base = vcpu_arch(v)->sbi.nacl_gpa + SHMEM_HFENCE_OFF, cfg;
	unsigned long first = entry == ALL ? 0 : entry;
	unsigned long last = entry == ALL ? SHMEM_HFENCE_ENTRIES - 1 : entry;

	if (!vcpu_arch(v)->sbi.nacl_on)
		return SBI_ERR_NO_SHMEM;
	if (entry != ALL && entry >= SHMEM_HFENCE_ENTRIES)
		return SBI_ERR_INVALID_PARAM;
	for (unsigned long i = first; i <= last; i++) {
		if (guest_memory_read(v->guest, base + 32 * i, &cfg, 8) != 8 ||
		    !(cfg & HFENCE_PENDING))
			continue;
		if (HFENCE_TYPE(cfg) < 2 * HFENCE_TYPE_VVMA)
			nested_hfence(v, HFENCE_TYPE(cfg) < HFENCE_TYPE_VVMA);
		cfg &= ~HFENCE_PENDING;
		guest_memory_write(v->guest, base + 32 * i, &cfg, 8);
	}
	return SBI_SUCCESS;
}

static void nacl_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			const unsigned long *args, struct sbi_ret *ret)
{
	(void)eid;
	ret->value = 0;
	switch (fid) {
	case NACL_PROBE_FEATURE:
		ret->error = SBI_SUCCESS;
		ret->value = args[0] == NACL_FEAT_SYNC_CSR || args[0] == NACL_FEAT_SYNC_HFENCE;
		break;
	case NACL_SET_SHMEM:
		ret->error = set_shmem(v, args[0], args[1], args[2]);
		break;
	case NACL_SYNC_CSR:
		ret->error = sync_csr(v, args[0]);
		break;
	case NACL_SYNC_HFENCE:
		ret->error = sync_hfence(v, args[0]);
		break;
	default:	/* NACL_SYNC_SRET: the feature is not offered */
		ret->error = SBI_ERR_NOT_SUPPORTED;
		break;
	}
}

VMM_SBI_EXT(sbi_ext_nacl) = {
	.name = "nacl",
	.eid_min = SBI_EXT_NACL,
	.eid_max = SBI_EXT_NACL,
	.probe = nacl_probe,
	.handle = nacl_handle,
};
