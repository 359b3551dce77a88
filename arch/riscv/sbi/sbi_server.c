/*
 * The SBI dispatcher for guests.  An ecall from VS-mode lands here with
 * the EID in a7, the FID in a6 and arguments in a0..a5: the extension is
 * looked up in the link-time table vmm_sbi_exts by EID range, checked to
 * be present for the calling vCPU (its probe, asked once when the vCPU is
 * configured, and `xvisor,disable-sbi-<name>`), and called; its result
 * goes back in a0/a1 (a0 only for legacy calls) and the guest resumes
 * after the ecall.  Also the services extensions
 * share: mapping hart masks onto the guest's vCPUs, checking that an
 * address is guest memory, and non-retentive suspend.
 */
#include <stdio.h>
#include <arch/asm.h>
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_arch.h>
#include <vmm/devtree.h>
#include <vmm/guest_internal.h>
#include <vmm/guest.h>
#include <vmm/vcpu.h>
#include "sbi_priv.h"

VMM_TABLE_DECLARE(const struct sbi_ext, vmm_sbi_exts);

#define REG_A0	10
#define REG_A6	16
#define REG_A7	17

void sbi_server_vcpu_config(struct vcpu *v, int node)
{
	char prop[48];
	unsigned int i = 0;

	/* Bit i of vcpu->sbi_disabled hides the i-th extension of the table. */
	vmm_table_foreach(const struct sbi_ext, vmm_sbi_exts, ext) {
		if (ext->name) {
			snprintf(prop, sizeof(prop), "xvisor,disable-sbi-%s", ext->name);
			if (devtree_has_prop(node, prop))
				v->sbi_disabled |= 1UL << i;
		}
		if (ext->probe && !ext->probe(v))
			v->sbi_disabled |= 1UL << i;
		i++;
	}
}

/*
 * The extension that serves eid for v, NULL if none is present; *slot is
 * its index in the table, for the per-extension call counts.  The table
 * is scanned in link order, the commonest extensions first (objects.mk).
 */
static inline const struct sbi_ext *ext_find(struct vcpu *v, unsigned long eid,
					     unsigned int *slot)
{
	unsigned int i = 0;

	vmm_table_foreach(const struct sbi_ext, vmm_sbi_exts, ext) {
		if (eid - ext->eid_min <= ext->eid_max - ext->eid_min) {
			if ((v->sbi_disabled >> i) & 1)
				return NULL;
			*slot = i;
			return ext;
		}
		i++;
	}
	return NULL;
}

bool sbi_server_probe(struct vcpu *v, unsigned long eid)
{
	unsigned int slot;

	return ext_find(v, eid, &slot) != NULL;
}

void sbi_server_handle(struct vcpu *v)
{
	unsigned long *x = vcpu_arch(v)->regs.x;
	unsigned long eid = x[REG_A7];
	unsigned int slot = VCPU_SBI_SLOTS - 1;
	const struct sbi_ext *ext = ext_find(v, eid, &slot);
	struct sbi_ret ret = { .error = SBI_ERR_NOT_SUPPORTED };

	v->stats.sbi_calls++;	/* also the PMU's SBI_PMU_FW_ECALL event */
	v->stats.sbi[slot]++;
	if (ext)
		ext->handle(v, eid, x[REG_A6], &x[REG_A0], &ret);
	else
		ret.legacy = true;	/* an unknown EID leaves a1 alone */
	if (ret.skip_writeback)
		return;
	x[REG_A0] = ret.error;
	if (!ret.legacy)
		x[REG_A0 + 1] = ret.value;
	vcpu_arch(v)->regs.sepc += 4;
}

void arch_vcpu_dump_stats(struct vcpu *v)
{
	const uint64_t *n = v->stats.sbi;

	printf("  SBI calls by extension:\n");
	vmm_table_foreach(const struct sbi_ext, vmm_sbi_exts, ext) {
		if (!n[ext - __start_vmm_sbi_exts])
			continue;
		if (ext->name)
			printf("    %-24s %llu\n", ext->name,
			       (unsigned long long)n[ext - __start_vmm_sbi_exts]);
		else
			printf("    eid 0x%-20lx %llu\n", ext->eid_min,
			       (unsigned long long)n[ext - __start_vmm_sbi_exts]);
	}
	if (n[VCPU_SBI_SLOTS - 1])
		printf("    %-24s %llu\n", "unknown", (unsigned long long)n[VCPU_SBI_SLOTS - 1]);
}

struct target_walk {
	struct guest *guest;
	void (*fn)(struct vcpu *target, void *arg);
	void *arg;
};

static void target_visit(unsigned long hartid, void *arg)
{
	struct target_walk *w = arg;
	struct vcpu *t = vcpu_find(w->guest, hartid);

	if (t)
		w->fn(t, w->arg);
}

long sbi_for_each_target(struct vcpu *v, unsigned long mask, unsigned long base,
			 void (*fn)(struct vcpu *target, void *arg), void *arg)
{
	struct target_walk w = { v->guest, fn, arg };

	if (sbi_hartmask_for_each(mask, base, v->guest->nvcpus, target_visit, &w))
		return SBI_ERR_INVALID_PARAM;
	return SBI_SUCCESS;
}

bool sbi_addr_is_memory(struct vcpu *v, uint64_t gpa)
{
	struct guest_region *r = guest_region_find(v->guest, gpa);

	return r && r->kind != REGION_VIRTUAL;
}

void sbi_suspend_resume_at(struct vcpu *v, uint64_t addr, uint64_t opaque,
			   struct sbi_ret *ret)
{
	struct vcpu_arch *a = vcpu_arch(v);

	vcpu_wait_for_irq(v);
	ret->skip_writeback = true;
	if (v->state != VCPU_RUNNING || v->reset_pending)
		return;
	/* Back from the wait the VS CSRs are live on this hart. */
	csr_clear(CSR_VSSTATUS, SSTATUS_SIE);
	csr_write(CSR_VSATP, 0);
	a->regs.x[REG_A0] = v->index;
	a->regs.x[REG_A0 + 1] = opaque;
	a->regs.sepc = addr;
}
