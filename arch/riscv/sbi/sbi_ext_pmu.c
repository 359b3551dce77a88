/*
 * SBI PMU extension (EID 0x504D55) with firmware counters only: the vCPU's
 * hardware counters are not virtualized, so every counter is a firmware
 * counter.  Counter i counts firmware event i (SBI_PMU_FW_MISALIGNED_LOAD
 * .. SBI_PMU_FW_HFENCE_VVMA_ASID_RCVD, i.e. 0..21); the last counter
 * counts the platform firmware event 0xffff with event_data 0, defined
 * here as "SBI calls made by this vCPU".  Events are counted per vCPU at
 * all times (sbi_pmu_fw_count(); the SBI calls in the vCPU's statistics,
 * copied when a PMU call looks); a counter shows the events since it was
 * started plus its initial value.  Snapshots are NOT_SUPPORTED.
 */
#include <arch/sbi.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_arch.h>

#define SBI_EXT_PMU	0x504D55

enum {
	PMU_NUM_COUNTERS,
	PMU_COUNTER_GET_INFO,
	PMU_COUNTER_CONFIG_MATCHING,
	PMU_COUNTER_START,
	PMU_COUNTER_STOP,
	PMU_COUNTER_FW_READ,
	PMU_COUNTER_FW_READ_HI,
};


#define EVENT_TYPE(idx)		(((idx) >> 16) & 0xf)
#define EVENT_CODE(idx)		((idx) & 0xffff)
#define EVENT_TYPE_FW		15
#define EVENT_CODE_PLATFORM	0xffff
#define INFO_TYPE_FW		(1UL << 63)

#define CFG_SKIP_MATCH		(1UL << 0)
#define CFG_CLEAR_VALUE		(1UL << 1)
#define CFG_AUTO_START		(1UL << 2)
#define CFG_FLAGS		0x7fUL	/* with the four privilege filters */
#define START_SET_INIT_VALUE	(1UL << 0)
#define START_INIT_SNAPSHOT	(1UL << 1)
#define STOP_RESET		(1UL << 0)
#define STOP_TAKE_SNAPSHOT	(1UL << 1)

static uint64_t raw(struct sbi_pmu *p, unsigned int i)
{
	return __atomic_load_n(&p->raw[i], __ATOMIC_RELAXED);
}

static uint64_t counter_value(struct sbi_pmu *p, unsigned int i)
{
	return p->value[i] + (p->started & (1U << i) ? raw(p, i) - p->start_raw[i] : 0);
}

/* The counters named by (base, mask) as a bit set, or -1 if one is not a
 * counter. */
static long counter_set(unsigned long base, unsigned long mask)
{
	unsigned long set = 0;

	for (unsigned int bit = 0; bit < 64; bit++) {
		if (!((mask >> bit) & 1))
			continue;
		if (base >= SBI_PMU_FW_NR || bit >= SBI_PMU_FW_NR - base)
			return -1;
		set |= 1UL << (base + bit);
	}
	return set;
}

static void start(struct sbi_pmu *p, unsigned int i)
{
	p->start_raw[i] = raw(p, i);
	p->started |= 1U << i;
}

static long config_matching(struct sbi_pmu *p, const unsigned long *args, unsigned long *idx)
{
	unsigned long flags = args[2], event = args[3];
	long set = counter_set(args[0], args[1]);
	unsigned int i;

	if (set < 0 || (flags & ~CFG_FLAGS))
		return SBI_ERR_INVALID_PARAM;
	if (EVENT_TYPE(event) != EVENT_TYPE_FW)
		return SBI_ERR_NOT_SUPPORTED;
	if (EVENT_CODE(event) == EVENT_CODE_PLATFORM && args[4] == 0)
		i = SBI_PMU_FW_ECALL;
	else if (EVENT_CODE(event) < SBI_PMU_FW_ECALL)
		i = EVENT_CODE(event);
	else
		return SBI_ERR_NOT_SUPPORTED;
	if (flags & CFG_SKIP_MATCH) {
		if (args[0] != i || !(p->configured & (1U << i)))
			return SBI_ERR_INVALID_PARAM;
	} else if (!((unsigned long)set & (1UL << i)) || (p->started & (1U << i))) {
		return SBI_ERR_NOT_SUPPORTED;
	}
	p->configured |= 1U << i;
	if (flags & CFG_CLEAR_VALUE) {
		p->value[i] = 0;
		p->start_raw[i] = raw(p, i);
	}
	if ((flags & CFG_AUTO_START) && !(p->started & (1U << i)))
		start(p, i);
	*idx = i;
	return SBI_SUCCESS;
}

static long counter_start(struct sbi_pmu *p, const unsigned long *args)
{
	long set = counter_set(args[0], args[1]);

	if (set < 0 || (args[2] & ~(START_SET_INIT_VALUE | START_INIT_SNAPSHOT)))
		return SBI_ERR_INVALID_PARAM;
	if (args[2] & START_INIT_SNAPSHOT)
		return SBI_ERR_NO_SHMEM;
	if ((unsigned long)set & p->started)
		return SBI_ERR_ALREADY_STARTED;
	for (unsigned int i = 0; i < SBI_PMU_FW_NR; i++) {
		if (!((unsigned long)set & (1UL << i)))
			continue;
		if (args[2] & START_SET_INIT_VALUE)
			p->value[i] = args[3];
		start(p, i);
	}
	return SBI_SUCCESS;
}

static long counter_stop(struct sbi_pmu *p, const unsigned long *args)
{
	long set = counter_set(args[0], args[1]);

	if (set < 0 || (args[2] & ~(STOP_RESET | STOP_TAKE_SNAPSHOT)))
		return SBI_ERR_INVALID_PARAM;
	if (args[2] & STOP_TAKE_SNAPSHOT)
		return SBI_ERR_NO_SHMEM;
	if ((unsigned long)set & ~(unsigned long)p->started)
		return SBI_ERR_ALREADY_STOPPED;
	for (unsigned int i = 0; i < SBI_PMU_FW_NR; i++) {
		if (!((unsigned long)set & (1UL << i)))
			continue;
		p->value[i] = counter_value(p, i);
		p->started &= ~(1U << i);
		if (args[2] & STOP_RESET)
			p->configured &= ~(1U << i);
	}
	return SBI_SUCCESS;
}

static void pmu_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
		       const unsigned long *args, struct sbi_ret *ret)
{
	struct sbi_pmu *p = &vcpu_arch(v)->sbi.pmu;
	bool valid = args[0] < SBI_PMU_FW_NR;

	(void)eid;
	/* The SBI calls are counted once, in the vCPU's statistics. */
	__atomic_store_n(&p->raw[SBI_PMU_FW_ECALL], v->stats.sbi_calls, __ATOMIC_RELAXED);
	ret->value = 0;
	ret->error = SBI_SUCCESS;
	switch (fid) {
	case PMU_NUM_COUNTERS:
		ret->value = SBI_PMU_FW_NR;
		break;
	case PMU_COUNTER_GET_INFO:
		ret->error = valid ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM;
		ret->value = valid ? INFO_TYPE_FW : 0;
		break;
	case PMU_COUNTER_CONFIG_MATCHING:
		ret->error = config_matching(p, args, &ret->value);
		break;
	case PMU_COUNTER_START:
		ret->error = counter_start(p, args);
		break;
	case PMU_COUNTER_STOP:
		ret->error = counter_stop(p, args);
		break;
	case PMU_COUNTER_FW_READ:
		ret->error = valid ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM;
		ret->value = valid ? counter_value(p, args[0]) : 0;
		break;
	case PMU_COUNTER_FW_READ_HI:	/* RV64: the counters are 64 bits wide */
		ret->error = valid ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM;
		break;
	default:	/* snapshot_set_shmem, event_get_info and later FIDs */
		ret->error = SBI_ERR_NOT_SUPPORTED;
		break;
	}
}

VMM_SBI_EXT(sbi_ext_pmu) = {
	.name = "pmu",
	.eid_min = SBI_EXT_PMU,
	.eid_max = SBI_EXT_PMU,
	.handle = pmu_handle,
};
