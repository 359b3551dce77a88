/*
 * The SBI implementation offered to guests.  Each extension is one file
 * (arch/riscv/sbi/sbi_ext_*.c) declaring a struct sbi_ext with
 * VMM_SBI_EXT(var) = { ... }; the dispatcher (sbi_server.c) finds it by EID,
 * checks that it is present for the calling vCPU (probe, asked once when
 * the vCPU is configured, and not hidden by
 * `xvisor,disable-sbi-<name>`), and calls handle().  handle() reads its
 * arguments from args[0..5], which are the caller's a0..a5 in place (so a
 * handler that rewrites the caller's registers reads its arguments
 * first), fills ret->error (an SBI error code)
 * and ret->value, and returns 0; it sets ret->skip_writeback when the call
 * must not touch a0/a1 or the PC (e.g. after hart_stop or a reset, where the
 * vCPU has new state).  Legacy extensions set ret->legacy: only a0 is
 * written.
 */
#ifndef ARCH_SBI_SERVER_H
#define ARCH_SBI_SERVER_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/table.h>

struct vcpu;

struct sbi_ret {
	long error;
	unsigned long value;
	bool legacy;
	bool skip_writeback;
};

struct sbi_ext {
	const char *name;	/* for xvisor,disable-sbi-<name>; NULL = cannot hide */
	unsigned long eid_min, eid_max;
	/* NULL = always present; asked once, when the vCPU is configured
	 * (its ISA is known then). */
	bool (*probe)(struct vcpu *v);
	void (*handle)(struct vcpu *v, unsigned long eid, unsigned long fid,
		       const unsigned long *args, struct sbi_ret *ret);
};

/*
 * Firmware events of the PMU extension (SBI_PMU_FW_*: event code i is
 * counter i), plus SBI_PMU_FW_ECALL, our platform firmware event (code
 * 0xffff, event_data 0): the SBI calls of the vCPU.
 */
enum sbi_pmu_fw_event {
	SBI_PMU_FW_MISALIGNED_LOAD, SBI_PMU_FW_MISALIGNED_STORE,
	SBI_PMU_FW_ACCESS_LOAD, SBI_PMU_FW_ACCESS_STORE, SBI_PMU_FW_ILLEGAL_INSN,
	SBI_PMU_FW_SET_TIMER, SBI_PMU_FW_IPI_SENT, SBI_PMU_FW_IPI_RCVD,
	SBI_PMU_FW_FENCE_I_SENT, SBI_PMU_FW_FENCE_I_RCVD,
	SBI_PMU_FW_SFENCE_VMA_SENT, SBI_PMU_FW_SFENCE_VMA_RCVD,
	SBI_PMU_FW_SFENCE_VMA_ASID_SENT, SBI_PMU_FW_SFENCE_VMA_ASID_RCVD,
	SBI_PMU_FW_HFENCE_GVMA_SENT, SBI_PMU_FW_HFENCE_GVMA_RCVD,
	SBI_PMU_FW_HFENCE_GVMA_VMID_SENT, SBI_PMU_FW_HFENCE_GVMA_VMID_RCVD,
	SBI_PMU_FW_HFENCE_VVMA_SENT, SBI_PMU_FW_HFENCE_VVMA_RCVD,
	SBI_PMU_FW_HFENCE_VVMA_ASID_SENT, SBI_PMU_FW_HFENCE_VVMA_ASID_RCVD,
	SBI_PMU_FW_ECALL,
	SBI_PMU_FW_NR
};

/* PMU counters of a vCPU: raw[] counts each event always (atomically, as
 * other harts count IPIs and fences received), raw[SBI_PMU_FW_ECALL] being
 * a copy of the vCPU's stats.sbi_calls taken by each PMU call; a started
 * counter shows value + raw - start_raw. */
struct sbi_pmu {
	uint64_t raw[SBI_PMU_FW_NR];
	uint64_t value[SBI_PMU_FW_NR], start_raw[SBI_PMU_FW_NR];
	uint32_t configured, started;	/* bit per counter */
};

/* sbi_pmu_fw_count(v, event) (arch/vcpu_arch.h) counts one event for v. */

/* STA: write the steal time of v to its record, if it changed; call on
 * v's thread before entering the guest when vcpu_arch(v)->sbi.sta_on. */
void sbi_sta_update(struct vcpu *v);

/* The SBI state of a vCPU (struct vcpu_arch.sbi), cleared when it resets. */
struct sbi_vcpu {
	volatile bool suspended;	/* sleeping in HSM hart_suspend */
	unsigned int fwft_locked;	/* bit per FWFT feature locked by the guest */
	struct sbi_pmu pmu;
	bool sta_on;			/* STA record registered at sta_gpa */
	uint32_t sta_seq;		/* its sequence, as last written */
	uint64_t sta_gpa, sta_steal;	/* steal last written, ns */
	uint64_t sta_base_ticks;	/* thread wait_ticks at registration */
	bool nacl_on;			/* NACL shared memory set at nacl_gpa */
	uint64_t nacl_gpa;
};

#define VMM_SBI_EXT(var) static const struct sbi_ext var VMM_TABLE_ENTRY(vmm_sbi_exts)

#define SBI_SPEC_VERSION	0x02000000UL
#define SBI_IMPL_ID		2	/* as Xvisor: guests only print it */
#define SBI_IMPL_VERSION	0x3002

/* Hide what the vCPU's config node names (xvisor,disable-sbi-<name>) and
 * what the probes say it lacks; called once v's ISA is known. */
void sbi_server_vcpu_config(struct vcpu *v, int node);
/* Handle an ecall from VS-mode: called by the vCPU trap handler. */
void sbi_server_handle(struct vcpu *v);
/* Is extension eid present for v (for BASE probe_extension)? */
bool sbi_server_probe(struct vcpu *v, unsigned long eid);

#endif
