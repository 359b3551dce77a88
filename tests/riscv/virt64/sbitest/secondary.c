/*
 * Secondary harts running C: hart k starts at sec_entry (start.S) with
 * a1 = &sec_mbox[k] and its own stack, and carries out one command at a
 * time from that mailbox (sec_main): suspend retentive or non-retentive
 * with its software interrupt enabled in sie, read the machine IDs, lock
 * an FWFT feature, wait for an IPI with interrupts on, or stop.  Hart 0
 * drives them with sec_start(), sec_do() and sec_stop(), each checked.
 */
#include <stdio.h>

#include "sbitest.h"

#define HSM_STARTED		0
#define HSM_STOPPED		1
#define HSM_SUSPENDED		4
#define SEC_STACK_WORDS		512

struct sec_mailbox sec_mbox[ST_MAX_HARTS];
static unsigned long sec_stack[ST_MAX_HARTS][SEC_STACK_WORDS] __attribute__((aligned(16)));

/* FWFT MISALIGNED_EXC_DELEG: set its value with LOCK, set it again. */
static long fwft_lock(struct sec_mailbox *m)
{
	unsigned long v = fwft_get(0).value;

	m->ids[0] = fwft_set(0, v, 1).error;
	m->ids[1] = fwft_set(0, v, 0).error;
	m->ids[2] = fwft_get(0).error;
	return 0;
}

/* Take software interrupts for up to 2 s; how many came. */
static long wait_ipi(struct sec_mailbox *m)
{
	uint64_t end = time_now() + 2 * timebase_hz();
	long n;

	trap_reset();
	csr_set(sstatus, SSTATUS_SIE);
	m->armed = 1;
	while (!trap_log.count && time_now() < end)
		;
	csr_clear(sstatus, SSTATUS_SIE);
	n = trap_log.count;
	m->armed = 0;
	return n;
}

void sec_main(unsigned long hartid, struct sec_mailbox *m)
{
	long r;

	(void)hartid;
	for (;;) {
		while (m->cmd == SEC_IDLE)
			;
		csr_set(sie, 1UL << IRQ_S_SOFT);
		if (m->cmd == SEC_SUSPEND_RET)
			r = sbi_call(SBI_EXT_HSM, SBI_HSM_SUSPEND, m->arg, 0, 0, 0).error;
		else if (m->cmd == SEC_SUSPEND_NONRET)
			r = nonret_suspend(SBI_EXT_HSM, SBI_HSM_SUSPEND, m->arg, &m->ctx);
		else if (m->cmd == SEC_BASE_IDS)
			for (r = 0; r < 3; r++)
				m->ids[r] = sbi_call(SBI_EXT_BASE, 4 + r, 0, 0, 0, 0).value;
		else if (m->cmd == SEC_FWFT_LOCK)
			r = fwft_lock(m);
		else if (m->cmd == SEC_WAIT_IPI)
			r = wait_ipi(m);
		else
			r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, 0).error;
		csr_write(sie, 0);
		csr_clear(sip, 1UL << IRQ_S_SOFT);
		m->result = r;
		m->cmd = SEC_IDLE;
		__asm__ volatile("fence rw, rw" : : : "memory");
		m->done++;
	}
}

void sec_post(unsigned long hart, enum sec_cmd cmd, unsigned long arg)
{
	struct sec_mailbox *m = &sec_mbox[hart];

	m->done_seen = m->done;
	m->arg = arg;
	m->cmd = cmd;
}

bool sec_wait(const char *name, unsigned long hart)
{
	struct sec_mailbox *m = &sec_mbox[hart];
	uint64_t end = time_now() + 2 * timebase_hz();
	char what[64];

	while (m->done == m->done_seen && time_now() < end)
		;
	snprintf(what, sizeof(what), "%s.resumed", name);
	check_eq(what, m->done != m->done_seen, true);
	return m->done != m->done_seen;
}

bool sec_do(const char *name, unsigned long hart, enum sec_cmd cmd, unsigned long arg,
	    bool wake)
{
	uint64_t hz = timebase_hz();
	char what[64];

	sec_post(hart, cmd, arg);
	if (wake) {
		snprintf(what, sizeof(what), "%s.status_suspended", name);
		check_eq(what, hsm_status_wait(hart, HSM_SUSPENDED, 2 * hz), HSM_SUSPENDED);
		snprintf(what, sizeof(what), "%s.start_refused", name);
		check_err(what, sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hart,
					 (unsigned long)sec_entry, 0, 0),
			  SBI_ERR_ALREADY_AVAILABLE);
		sbi_call(SBI_EXT_IPI, 0, 1UL << hart, 0, 0, 0);
	}
	return sec_wait(name, hart);
}

void sec_start(const char *name, unsigned long hart)
{
	struct sec_mailbox *m = &sec_mbox[hart];
	char what[64];

	m->stack_top = (unsigned long)&sec_stack[hart][SEC_STACK_WORDS];
	m->cmd = SEC_IDLE;
	check_err(name, sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hart, (unsigned long)sec_entry,
				 (unsigned long)m, 0), SBI_SUCCESS);
	snprintf(what, sizeof(what), "%s.started", name);
	check_eq(what, hsm_status_wait(hart, HSM_STARTED, 2 * timebase_hz()), HSM_STARTED);
}

void sec_stop(const char *name, unsigned long hart)
{
	sec_mbox[hart].cmd = SEC_STOP;
	check_eq(name, hsm_status_wait(hart, HSM_STOPPED, 2 * timebase_hz()), HSM_STOPPED);
}
