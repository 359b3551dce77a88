/*
 * The SBI test guest (VS-mode, bare metal): memory layout, CSR access, SBI
 * extension and error numbers (SBI v2.0), and the interfaces of its parts:
 * UART console, ecall wrapper, trap bookkeeping, check reporting, the
 * conformance suites, the bad-guest modes and the benchmarks.  start.S
 * includes the part above __ASSEMBLY__.
 */
#ifndef SBITEST_H
#define SBITEST_H

#define ST_LINK_BASE		0x80000000	/* RAM copy of the image */
#define ST_RAM_SIZE		0x200000	/* RAM the guest uses */
#define ST_CMD_OFFSET		0xff000		/* NOR offset of the start command */

#define SBI_EXT_BASE		0x10
#define SBI_EXT_TIME		0x54494D45
#define SBI_EXT_IPI		0x735049
#define SBI_EXT_RFENCE		0x52464E43
#define SBI_EXT_HSM		0x48534D
#define SBI_EXT_SRST		0x53525354
#define SBI_EXT_DBCN		0x4442434E
#define SBI_EXT_PMU		0x504D55
#define SBI_EXT_SUSP		0x53555350
#define SBI_EXT_NACL		0x4E41434C
#define SBI_EXT_FWFT		0x46574654
#define SBI_EXT_STA		0x535441
#define SBI_EXT_XVISOR		0x0A000002

#define SBI_HSM_HART_START	0
#define SBI_HSM_HART_STOP	1
#define SBI_HSM_GET_STATUS	2
#define SBI_HSM_SUSPEND		3

/* Offsets in struct hsm_mailbox, shared with the secondary entry. */
#define MBOX_HARTID		0
#define MBOX_OPAQUE		8
#define MBOX_SATP		16
#define MBOX_SSTATUS		24
#define MBOX_ALIVE		32
#define MBOX_RELEASE		40
#define MBOX_STOP_ERR		48

/* struct sec_mailbox and struct resume_ctx offsets used by start.S. */
#define SMBOX_STACK_TOP		0
#define RCTX_HARTID		128
#define RCTX_OPAQUE		136
#define RCTX_SATP		144
#define RCTX_SSTATUS		152
/* What nonret_suspend returns after a resume (no SBI error is positive). */
#define RESUMED			1

#ifndef __ASSEMBLY__

#include <stdbool.h>
#include <stdint.h>

#define SBI_SUCCESS		0
#define SBI_ERR_FAILED		(-1)
#define SBI_ERR_NOT_SUPPORTED	(-2)
#define SBI_ERR_INVALID_PARAM	(-3)
#define SBI_ERR_DENIED		(-4)
#define SBI_ERR_INVALID_ADDRESS	(-5)
#define SBI_ERR_ALREADY_AVAILABLE (-6)

#define SSTATUS_SIE		(1UL << 1)
#define SCAUSE_IRQ		(1UL << 63)
#define IRQ_S_SOFT		1
#define IRQ_S_TIMER		5
#define EXC_ILLEGAL_INST	2
#define EXC_LOAD_MISALIGNED	4
#define UNMAPPED_GPA		0x40000000UL	/* no region of the test guests */

#define __csr_str1(x)		#x
#define __csr_str(x)		__csr_str1(x)
#define csr_read(csr) ({ \
	unsigned long __v; \
	__asm__ volatile("csrr %0, " __csr_str(csr) : "=r"(__v) : : "memory"); \
	__v; })
#define csr_write(csr, v) __asm__ volatile("csrw " __csr_str(csr) ", %0" : : "rK"(v) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " __csr_str(csr) ", %0" : : "rK"(v) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " __csr_str(csr) ", %0" : : "rK"(v) : "memory")
/* csrr a0, 0x5c0: a custom S-mode CSR that nothing implements. */
#define INSN_CSRR_A0_CUSTOM	0x5c002573
#define read_missing_csr() \
	__asm__ volatile(".word " __csr_str(INSN_CSRR_A0_CUSTOM) : : : "a0", "memory")

/* uart.c: polled ns16550a at 0x10000000, picolibc's stdin/stdout. */
#define UART_BASE		0x10000000UL
#define UART_SCR		7
void uart_init(void);
int uart_getc(void);

/* sbi.c */
struct sbiret {
	long error;
	long value;
};
struct sbiret sbi_call(unsigned long eid, unsigned long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2, unsigned long a3);
/* A v0.1 call: only a0 comes back. */
long sbi_legacy(unsigned long eid, unsigned long a0);
void sbi_set_timer(uint64_t deadline);

/*
 * trap.c: what the trap handler of this hart saw since the last
 * trap_reset().  Each hart keeps its hart id in sscratch (start.S) and has
 * its own log.
 */
#define ST_MAX_HARTS		8
struct trap_record {
	unsigned long count;
	unsigned long cause;		/* last scause */
	unsigned long tval;		/* last stval */
	uint64_t time;			/* time CSR at handler entry */
};
extern volatile struct trap_record trap_logs[ST_MAX_HARTS];
#define trap_log		(trap_logs[csr_read(sscratch) % ST_MAX_HARTS])
/* Timer traps the handler returns from without set_timer(~0) (counts down). */
extern volatile unsigned long timer_hold;
void trap_reset(void);
void fw_trap(unsigned long scause, unsigned long sepc, unsigned long stval);
uint64_t time_now(void);
/* Poll until count traps arrived or ticks passed; true if they did. */
bool trap_wait(unsigned long count, uint64_t ticks);
/* WFI until count traps arrived: only for an interrupt that is due (a
 * hypervisor that never delivers it hangs the guest; harnesses time out). */
void trap_wfi(unsigned long count);
void irq_enable(unsigned long irq);	/* sie bit and sstatus.SIE */
void irq_disable_all(void);

/* check.c: one "PASS <name>" / "FAIL <name>: got X want Y" line each. */
void check_eq(const char *name, long got, long want);
void check_err(const char *name, struct sbiret r, long want_error);
void check_ret(const char *name, struct sbiret r, long want_error, long want_value);
void check_reset(void);
unsigned int check_failed(void);
void check_summary(void);

/* Conformance suites (suite_*.c). */
void suite_base(void);
void probe_report(void);
void suite_time_ipi(void);
void suite_rfence_dbcn(void);
void suite_hsm(void);
void suite_misc(void);
void suite_fwft(void);
void suite_pmu(void);
void suite_sta(void);
/* suite_nacl.c: the `nacl` command (a vCPU with the H extension). */
void nacl_run(void);
/* suite_sta.c: the `sta` command (two vCPUs sharing a host hart). */
void sta_run(void);

struct sbiret fwft_set(unsigned long feature, unsigned long value, unsigned long flags);
struct sbiret fwft_get(unsigned long feature);

/* hsm_entry in start.S: a0 = hartid, a1 = struct hsm_mailbox *. */
struct hsm_mailbox {
	volatile unsigned long hartid, opaque, satp, sstatus;
	volatile unsigned long alive, release, stop_err;
};
void hsm_entry(unsigned long hartid, unsigned long opaque);

/* nonret_suspend in start.S: callee-saved registers, then what the hart
 * saw when it resumed. */
struct resume_ctx {
	unsigned long regs[16];
	volatile unsigned long hartid, opaque, satp, sstatus;
};
long nonret_suspend(unsigned long eid, unsigned long fid, unsigned long type,
		    struct resume_ctx *ctx);

/* secondary.c: secondary harts running C (sec_entry in start.S), each
 * carrying out one command at a time from its mailbox. */
enum sec_cmd {
	SEC_IDLE, SEC_SUSPEND_RET, SEC_SUSPEND_NONRET, SEC_BASE_IDS, SEC_FWFT_LOCK,
	SEC_WAIT_IPI, SEC_STOP
};
struct sec_mailbox {
	unsigned long stack_top;	/* SMBOX_STACK_TOP */
	volatile unsigned long cmd, arg, done, done_seen;
	volatile unsigned long armed;	/* SEC_WAIT_IPI: interrupts are on */
	volatile long result;
	/* SEC_BASE_IDS: mvendorid, marchid, mimpid; SEC_FWFT_LOCK: the
	 * errors of set with LOCK, then set again, then of get. */
	volatile unsigned long ids[3];
	struct resume_ctx ctx;
};
extern struct sec_mailbox sec_mbox[ST_MAX_HARTS];
void sec_entry(unsigned long hartid, unsigned long mbox);
void sec_main(unsigned long hartid, struct sec_mailbox *m);
/* Start hart in sec_main / stop it, checked under name. */
void sec_start(const char *name, unsigned long hart);
void sec_stop(const char *name, unsigned long hart);
/* Post a command; wait up to 2 s for it to complete (checked as
 * <name>.resumed); sec_do() does both, and with wake first waits for the
 * hart to be SUSPENDED and sends it an IPI. */
void sec_post(unsigned long hart, enum sec_cmd cmd, unsigned long arg);
bool sec_wait(const char *name, unsigned long hart);
bool sec_do(const char *name, unsigned long hart, enum sec_cmd cmd, unsigned long arg,
	    bool wake);
void suite_hsm_suspend(void);
/* suite_hsm.c: poll hart_get_status(hartid) for up to ticks (at least
 * once) until it is want; the last status seen, or the error. */
long hsm_status_wait(unsigned long hartid, long want, uint64_t ticks);
/* The number of harts of this guest (hart_get_status answers for them). */
unsigned long hsm_nharts(void);
/* One "SKIP <what>: <why>" line: checks this configuration cannot run. */
void check_skip(const char *what, const char *why);

/* bad.c: the bad guest; does not return. */
void bad_run(bool csr_first);

/* bench.c */
void bench_run(unsigned int iterations);
/* irqlat.c: UART interrupt latency through the vPLIC or vAPLIC+IMSIC. */
void irqlat_run(const char *mode);

/* The tick rate from vminfo (10 MHz without vminfo). */
uint64_t timebase_hz(void);

#endif /* __ASSEMBLY__ */
#endif
