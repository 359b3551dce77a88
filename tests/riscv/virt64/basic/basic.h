/*
 * The hardware-facing half of the virt64 basic firmware: memory layout,
 * CSR access, the UART console, SBI calls, the vminfo and simplefb
 * registers, the timer, the trap handler and the command table.  Only the
 * firmware build includes this header; start.S includes the part above
 * __ASSEMBLY__.
 */
#ifndef BASIC_H
#define BASIC_H

#ifndef FW_LINK_BASE
#define FW_LINK_BASE		0x80000000	/* RAM copy of the image */
#endif
#define FW_RAM_SIZE		0x200000	/* RAM the firmware may use */

/* Secondary-hart release mailbox (basic_release[]): magic, entry, fdt. */
#define RELEASE_MAGIC		0x4c4e58474f474f21
#define RELEASE_MAGIC_OFF	0
#define RELEASE_ENTRY_OFF	8
#define RELEASE_FDT_OFF		16

#define SBI_EXT_BASE		0x10
#define SBI_EXT_TIME		0x54494D45
#define SBI_EXT_HSM		0x48534D
#define SBI_EXT_SRST		0x53525354
#define SBI_EXT_XVISOR		0x0A000002

#ifndef __ASSEMBLY__

#include <stdbool.h>
#include <stdint.h>

#include "basic_lib.h"

#define SSTATUS_SIE		(1UL << 1)
#define SIE_STIE		(1UL << 5)
#define SCAUSE_IRQ		(1UL << 63)
#define IRQ_S_TIMER		5

#define __csr_str1(x)		#x
#define __csr_str(x)		__csr_str1(x)	/* expands CSR_* number macros */
#define csr_read(csr) ({ \
	unsigned long __v; \
	__asm__ volatile("csrr %0, " __csr_str(csr) : "=r"(__v) : : "memory"); \
	__v; })
#define csr_write(csr, v) __asm__ volatile("csrw " __csr_str(csr) ", %0" : : "rK"(v) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " __csr_str(csr) ", %0" : : "rK"(v) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " __csr_str(csr) ", %0" : : "rK"(v) : "memory")
#define wfi() __asm__ volatile("wfi" : : : "memory")

/* uart.c: polled ns16550a at 0x10000000, also picolibc's stdin/stdout. */
void uart_init(void);
void uart_putc(char c);
bool uart_has_char(void);
int uart_getc(void);

/* sbi.c */
struct sbiret {
	long error;
	long value;
};
struct sbiret sbi_ecall(unsigned long eid, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2);
bool sbi_probe(unsigned long eid);
/* The vCPU ISA from the vendor ISA_EXT query (cached after the first call). */
const struct isa_info *sbi_isa(void);
void sbi_set_timer(uint64_t deadline);
long sbi_system_reset(uint32_t type, uint32_t reason);

/* vminfo.c: guest-platform information registers. */
bool vminfo_present(void);
uint32_t vminfo_vcpu_count(void);
uint32_t vminfo_boot_delay(void);	/* 0xffffffff: autoboot off */
uint64_t vminfo_clocksource_hz(void);
uint64_t vminfo_ram_base(unsigned int bank);
uint64_t vminfo_ram_size(unsigned int bank);
/* Read the simplefb mode; false when the device is missing. */
bool simplefb_read(struct basic_fb *fb);

/* timer.c: the time CSR, and one-shot events via Sstc or SBI TIME. */
void timer_init(void);
uint64_t timer_now(void);
uint64_t timer_hz(void);
uint64_t timer_usecs(uint64_t ticks);
bool timer_has_sstc(void);
void timer_arm(uint64_t deadline);
void timer_stop(void);
void timer_irq(void);
unsigned long timer_irq_count(void);

/* trap.c: called by the trap entry in start.S. */
void fw_trap(unsigned long scause, unsigned long sepc, unsigned long stval);

/* console.c */
void console_readline(char *buf, unsigned int size);
/* Tokenize and run one command line (modified in place). */
int basic_exec_line(char *line);

/*
 * A firmware command.  exec returns 0 or a negative errno; -EINVAL makes
 * the dispatcher print the usage line.
 */
struct basic_cmd {
	const char *name;
	const char *usage;
	const char *desc;
	int (*exec)(int argc, char **argv);
};

#define BASIC_CMD(var, nm, usg, dsc, ex) \
	static const struct basic_cmd var \
		__attribute__((used, section(".basic_cmds"), aligned(sizeof(void *)))) = { \
		.name = nm, .usage = usg, .desc = dsc, .exec = ex }

extern const struct basic_cmd __basic_cmds_start[], __basic_cmds_end[];

/* Parse argv[i] as hex; prints an error and returns -EINVAL if malformed. */
int basic_arg_hex(char **argv, int i, uint64_t *val);

extern unsigned long basic_boot_hartid;
extern volatile uint64_t basic_release[3];

#endif /* __ASSEMBLY__ */
#endif
