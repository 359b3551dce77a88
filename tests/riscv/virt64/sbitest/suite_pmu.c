/*
 * PMU firmware counters: every counter is a firmware counter; a counter
 * configured for an event counts exactly the events this hart caused
 * after it started (IPIs sent and received, remote fences sent and
 * received, set_timer, illegal instructions the hypervisor handled, and
 * SBI calls, the platform event 0xffff with event_data 0, which counts
 * the read call too); start/stop report ALREADY_STARTED/STOPPED; counters
 * and flags out of range are INVALID_PARAM; hardware events are
 * NOT_SUPPORTED (not virtualized), and so are snapshots.
 */
#include "sbitest.h"

#define PMU_NUM_COUNTERS	0
#define PMU_GET_INFO		1
#define PMU_CONFIG_MATCHING	2
#define PMU_START		3
#define PMU_STOP		4
#define PMU_FW_READ		5
#define PMU_FW_READ_HI		6
#define PMU_SNAPSHOT_SET_SHMEM	7
#define CFG_CLEAR_AUTO_START	(1UL << 1 | 1UL << 2)
#define FW_EVENT(code)		(15UL << 16 | (code))
#define FW_SET_TIMER		5
#define FW_IPI_SENT		6
#define FW_IPI_RCVD		7
#define FW_FENCE_I_SENT		8
#define FW_FENCE_I_RCVD		9
#define FW_SFENCE_VMA_ASID_SENT	12
#define FW_ILLEGAL_INSN		4
#define FW_PLATFORM		0xffff
#define HW_CPU_CYCLES		1UL
#define SBI_ERR_ALREADY_STARTED	(-7)
#define SBI_ERR_ALREADY_STOPPED	(-8)

static struct sbiret pmu(unsigned long fid, unsigned long a0, unsigned long a1,
			 unsigned long a2, unsigned long a3)
{
	return sbi_call(SBI_EXT_PMU, fid, a0, a1, a2, a3);
}

/* Configure and start a counter for a firmware event among all counters;
 * its index, or -1. */
static long fw_counter(const char *name, unsigned long code, unsigned long n)
{
	struct sbiret r = sbi_call(SBI_EXT_PMU, PMU_CONFIG_MATCHING, 0, (1UL << n) - 1,
				   CFG_CLEAR_AUTO_START, FW_EVENT(code));

	check_err(name, r, SBI_SUCCESS);
	return r.error ? -1 : r.value;
}

static void check_count(const char *name, long idx, long want)
{
	if (idx >= 0)
		check_ret(name, pmu(PMU_FW_READ, idx, 0, 0, 0), SBI_SUCCESS, want);
}

void suite_pmu(void)
{
	struct sbiret r = pmu(PMU_NUM_COUNTERS, 0, 0, 0, 0);
	static unsigned long self_mask = 1;
	long n = r.value, ipi_s, ipi_r, fi_s, fi_r, asid_s, tmr, ill, ecall;

	check_eq("pmu.num_counters", n >= 23, true);
	check_ret("pmu.counter_get_info.firmware", pmu(PMU_GET_INFO, 0, 0, 0, 0), SBI_SUCCESS,
		  (long)(1UL << 63));
	check_err("pmu.counter_get_info.out_of_range", pmu(PMU_GET_INFO, n, 0, 0, 0),
		  SBI_ERR_INVALID_PARAM);
	check_err("pmu.config.hardware_event", pmu(PMU_CONFIG_MATCHING, 0, (1UL << n) - 1, 0,
						   HW_CPU_CYCLES), SBI_ERR_NOT_SUPPORTED);
	check_err("pmu.config.bad_counter", pmu(PMU_CONFIG_MATCHING, n, 1, 0,
						FW_EVENT(FW_IPI_SENT)), SBI_ERR_INVALID_PARAM);
	check_err("pmu.config.bad_flag", pmu(PMU_CONFIG_MATCHING, 0, (1UL << n) - 1, 1UL << 7,
					     FW_EVENT(FW_IPI_SENT)), SBI_ERR_INVALID_PARAM);

	ipi_s = fw_counter("pmu.config.ipi_sent", FW_IPI_SENT, n);
	ipi_r = fw_counter("pmu.config.ipi_rcvd", FW_IPI_RCVD, n);
	fi_s = fw_counter("pmu.config.fence_i_sent", FW_FENCE_I_SENT, n);
	fi_r = fw_counter("pmu.config.fence_i_rcvd", FW_FENCE_I_RCVD, n);
	asid_s = fw_counter("pmu.config.sfence_vma_asid_sent", FW_SFENCE_VMA_ASID_SENT, n);
	tmr = fw_counter("pmu.config.set_timer", FW_SET_TIMER, n);
	ill = fw_counter("pmu.config.illegal_insn", FW_ILLEGAL_INSN, n);
	r = sbi_call(SBI_EXT_PMU, PMU_CONFIG_MATCHING, 0, (1UL << n) - 1, CFG_CLEAR_AUTO_START,
		     FW_EVENT(FW_PLATFORM));	/* event_data (a4) is 0: SBI calls */
	check_err("pmu.config.ecalls", r, SBI_SUCCESS);
	ecall = r.error ? -1 : r.value;

	irq_disable_all();
	for (int i = 0; i < 3; i++)
		sbi_call(SBI_EXT_IPI, 0, 1, 0, 0, 0);
	csr_clear(sip, 1UL << IRQ_S_SOFT);
	sbi_legacy(5, (unsigned long)&self_mask);	/* legacy remote_fence_i */
	sbi_call(SBI_EXT_RFENCE, 0, 1, 0, 0, 0);
	sbi_call(SBI_EXT_RFENCE, 2, 1, 0, 0, 0);
	sbi_set_timer(~0ULL);
	sbi_legacy(0, ~0UL);
	trap_reset();
	__asm__ volatile("csrr a0, hstatus" : : : "a0", "memory");
	check_count("pmu.fw.ecalls", ecall, 9);
	check_count("pmu.fw.ipi_sent", ipi_s, 3);
	check_count("pmu.fw.ipi_rcvd", ipi_r, 3);
	check_count("pmu.fw.fence_i_sent", fi_s, 2);
	check_count("pmu.fw.fence_i_rcvd", fi_r, 2);
	check_count("pmu.fw.sfence_vma_asid_sent", asid_s, 1);
	check_count("pmu.fw.set_timer", tmr, 2);
	check_count("pmu.fw.illegal_insn", ill, 1);

	if (tmr >= 0) {
		check_err("pmu.start.already_started", pmu(PMU_START, tmr, 1, 0, 0),
			  SBI_ERR_ALREADY_STARTED);
		check_err("pmu.stop", pmu(PMU_STOP, tmr, 1, 0, 0), SBI_SUCCESS);
		check_err("pmu.stop.already_stopped", pmu(PMU_STOP, tmr, 1, 0, 0),
			  SBI_ERR_ALREADY_STOPPED);
		sbi_set_timer(~0ULL);
		check_count("pmu.fw.stopped_holds", tmr, 2);
		check_err("pmu.start.init_value", pmu(PMU_START, tmr, 1, 1, 100), SBI_SUCCESS);
		sbi_set_timer(~0ULL);
		check_count("pmu.fw.init_value", tmr, 101);
		check_ret("pmu.fw_read_hi", pmu(PMU_FW_READ_HI, tmr, 0, 0, 0), SBI_SUCCESS, 0);
	}
	check_err("pmu.start.bad_counter", pmu(PMU_START, n, 1, 0, 0), SBI_ERR_INVALID_PARAM);
	check_err("pmu.fw_read.bad_counter", pmu(PMU_FW_READ, n, 0, 0, 0), SBI_ERR_INVALID_PARAM);
	check_err("pmu.stop.not_started", pmu(PMU_STOP, 0, 1, 0, 0), SBI_ERR_ALREADY_STOPPED);
	/* Leave no counter configured, so that the suite can run again. */
	for (int i = 0; i < n; i++)
		pmu(PMU_STOP, i, 1, 1, 0);
	check_err("pmu.snapshot_set_shmem", pmu(PMU_SNAPSHOT_SET_SHMEM, 0, 0, 0, 0),
		  SBI_ERR_NOT_SUPPORTED);
}
