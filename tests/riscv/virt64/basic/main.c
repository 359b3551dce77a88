/*
 * The boot hart's C entry: console set-up, the SBI banner, autoboot per
 * vminfo boot_delay, then the "basic# " prompt loop.
 */
#include <stdio.h>

#include "basic.h"

#define SBI_BASE_SPEC_VERSION	0
#define SBI_BASE_IMPL_ID	1
#define SBI_BASE_IMPL_VERSION	2

unsigned long basic_boot_hartid;

static void print_banner(void)
{
	struct sbiret ver = sbi_ecall(SBI_EXT_BASE, SBI_BASE_SPEC_VERSION, 0, 0, 0);
	struct sbiret id = sbi_ecall(SBI_EXT_BASE, SBI_BASE_IMPL_ID, 0, 0, 0);
	struct sbiret impl = sbi_ecall(SBI_EXT_BASE, SBI_BASE_IMPL_VERSION, 0, 0, 0);
	unsigned long v = ver.error ? 1 : (unsigned long)ver.value;	/* v0.1 */
	char isa[320];

	printf("RISC-V SBI specification v%lu.%lu detected\n", (v >> 24) & 0x7f, v & 0xffffff);
	printf("RISC-V SBI implementation ID=0x%lx Version=0x%lx\n",
	       id.error ? 0 : (unsigned long)id.value, impl.error ? 0 : (unsigned long)impl.value);
	printf("RISC-V Virt64 Basic Firmware\n");
	if (isa_build_string(sbi_isa(), isa, sizeof(isa)) >= 0)
		printf("vCPU ISA: %s\n", isa);
	printf("\n");
}

/* Count down boot_delay seconds; true unless a key stopped it. */
static bool autoboot_wait(uint32_t secs)
{
	uint64_t deadline;

	for (; secs; secs--) {
		printf("autoboot: waiting for %lu secs (press any key)\n", (unsigned long)secs);
		deadline = timer_now() + timer_hz();
		while (timer_now() < deadline) {
			if (uart_has_char()) {
				uart_getc();
				return false;
			}
		}
	}
	return true;
}

static void autoboot(void)
{
	uint32_t delay = vminfo_boot_delay();
	char cmd[] = "autoexec";

	if (delay == 0xffffffff) {
		printf("autoboot: disabled\n\n");
		return;
	}
	printf("autoboot: enabled\n");
	if (autoboot_wait(delay))
		basic_exec_line(cmd);
	printf("\n");
}

void basic_main(unsigned long hartid)
{
	char line[BASIC_LINE_MAX + 1];

	basic_boot_hartid = hartid;
	uart_init();
	print_banner();
	timer_init();
	autoboot();
	for (;;) {
		printf("basic# ");
		console_readline(line, sizeof(line));
		basic_exec_line(line);
	}
}
