/*
 * Entry of the test guest on hart 0: console, then the start command
 * stored in NOR at ST_CMD_OFFSET (if any), then a "sbitest# " prompt.
 * Commands: sbi (the SBI conformance suite), bench [<n>], irqlat plic|aia,
 * bad, badcsr (the bad guest), reset <type> <reason> (SRST system_reset
 * with these register values; prints the error if it returns), sta (steal
 * time while the two vCPUs compete), probe (the extensions offered), hi.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbitest.h"

#define LINE_MAX_LEN		127
#define BENCH_DEFAULT_N		1000
#define VMINFO_CLKSRC_HI	0x10001018UL
#define VMINFO_CLKSRC_LO	0x1000101cUL
#define TIMEBASE_DEFAULT_HZ	10000000ULL

void sbitest_main(void);

uint64_t timebase_hz(void)
{
	uint64_t hz = (uint64_t)*(volatile uint32_t *)VMINFO_CLKSRC_HI << 32 |
		      *(volatile uint32_t *)VMINFO_CLKSRC_LO;

	return hz ? hz : TIMEBASE_DEFAULT_HZ;
}

static void run_suite(void)
{
	check_reset();
	suite_base();
	suite_time_ipi();
	suite_rfence_dbcn();
	suite_hsm();
	suite_hsm_suspend();
	suite_misc();
	suite_fwft();
	suite_pmu();
	suite_sta();
	check_summary();
}

static void exec_line(char *line)
{
	char *cmd = strtok(line, " "), *arg = strtok(NULL, " "), *arg2 = strtok(NULL, " ");

	if (!cmd)
		return;
	if (!strcmp(cmd, "sbi"))
		run_suite();
	else if (!strcmp(cmd, "bench"))
		bench_run(arg ? (unsigned int)strtoul(arg, NULL, 0) : BENCH_DEFAULT_N);
	else if (!strcmp(cmd, "irqlat"))
		irqlat_run(arg);
	else if (!strcmp(cmd, "bad") || !strcmp(cmd, "badcsr"))
		bad_run(!strcmp(cmd, "badcsr"));
	else if (!strcmp(cmd, "reset") && arg && arg2)
		printf("reset: error %ld\n",
		       sbi_call(SBI_EXT_SRST, 0, strtoul(arg, NULL, 0), strtoul(arg2, NULL, 0), 0,
				0).error);
	else if (!strcmp(cmd, "probe"))
		probe_report();
	else if (!strcmp(cmd, "nacl")) {
		check_reset();
		nacl_run();
		check_summary();
	} else if (!strcmp(cmd, "sta")) {
		check_reset();
		sta_run();
	} else if (!strcmp(cmd, "hi"))
		printf("hello\n");
	else
		printf("Unknown command\n");
}

static void read_line(char *buf, unsigned int size)
{
	unsigned int n = 0;
	int c;

	for (;;) {
		c = uart_getc();
		if (c == '\r' || c == '\n')
			break;
		if ((c == 0x7f || c == '\b') && n) {
			n--;
			printf("\b \b");
		} else if (c >= ' ' && c < 0x7f && n + 1 < size) {
			buf[n++] = (char)c;
			putchar(c);
		}
	}
	buf[n] = '\0';
	printf("\n");
}

/* The start command: printable bytes at NOR + ST_CMD_OFFSET. */
static void start_command(char *buf, unsigned int size)
{
	const volatile char *nor = (const volatile char *)ST_CMD_OFFSET;
	unsigned int n = 0;

	while (n + 1 < size && nor[n] >= ' ' && nor[n] < 0x7f) {
		buf[n] = nor[n];
		n++;
	}
	buf[n] = '\0';
}

void sbitest_main(void)
{
	char line[LINE_MAX_LEN + 1];

	uart_init();
	printf("SBITEST guest, timebase %lu Hz\n", (unsigned long)timebase_hz());
	start_command(line, sizeof(line));
	if (line[0]) {
		printf("sbitest: start command '%s'\n", line);
		exec_line(line);
	}
	for (;;) {
		printf("sbitest# ");
		read_line(line, sizeof(line));
		exec_line(line);
	}
}
