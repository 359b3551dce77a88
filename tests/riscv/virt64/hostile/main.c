/*
 * Entry of the hostile test guest on hart 0: console, then the start
 * command stored in NOR at ST_CMD_OFFSET (if any), then a "hostile# "
 * prompt.  Commands (see hostile.h): tick, attack, fetch, far,
 * random <seed> <steps>, tlb, race <rounds>, echo <word>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile.h"

#define LINE_LEN		128
#define TICK_REPORT		100

void hostile_main(void);

/* The well-behaved neighbour: 1 ms ticks for ever, a line every 100. */
static void tick_run(void)
{
	unsigned long reported = 0;

	printf("TICKER: start\n");
	/* As a guest OS does: its user mode may read the counters. */
	csr_write(scounteren, 7);
	csr_write(CSR_SENVCFG, SENVCFG_FIOM);
	tick_start(TIMEBASE_HZ / 1000);
	for (;;) {
		__asm__ volatile("wfi" : : : "memory");
		if (fault_log.ticks >= reported + TICK_REPORT) {
			reported = fault_log.ticks;
			printf("TICKER: %lu ticks\n", reported);
		}
	}
}

static void fetch_run(void)
{
	printf("HOSTILE: fetch from 0x%lx\n", UNMAPPED_GPA);
	((void (*)(void))UNMAPPED_GPA)();
	printf("HOSTILE: still running after fetch\n");
}

static void far_run(void)
{
	printf("HOSTILE: load from 0x%lx\n", FAR_GPA);
	printf("HOSTILE: still running after load, read 0x%lx\n",
	       *(volatile unsigned long *)FAR_GPA);
}

static void exec_line(char *line)
{
	char *cmd = strtok(line, " "), *a1 = strtok(NULL, " "), *a2 = strtok(NULL, " ");

	if (!cmd)
		return;
	if (!strcmp(cmd, "tick"))
		tick_run();
	else if (!strcmp(cmd, "attack"))
		attack_run();
	else if (!strcmp(cmd, "fetch"))
		fetch_run();
	else if (!strcmp(cmd, "far"))
		far_run();
	else if (!strcmp(cmd, "random") && a1 && a2)
		random_run(strtoull(a1, NULL, 0), strtoul(a2, NULL, 0));
	else if (!strcmp(cmd, "race") && a1)
		race_run(strtoul(a1, NULL, 0));
	else if (!strcmp(cmd, "tlb"))
		tlb_run();
	else if (!strcmp(cmd, "echo") && a1)
		printf("%s\n", a1);
	else
		printf("Unknown command\n");
}

/* A line from the console, or the start command at NOR + ST_CMD_OFFSET. */
static void get_line(char *buf, bool from_nor)
{
	const volatile char *nor = (const volatile char *)ST_CMD_OFFSET;
	unsigned int n = 0;
	int c;

	while (n + 1 < LINE_LEN) {
		c = from_nor ? nor[n] : uart_getc();
		if (c < ' ' || c >= 0x7f)
			break;
		buf[n++] = (char)c;
	}
	buf[n] = '\0';
}

void hostile_main(void)
{
	char line[LINE_LEN];

	uart_init();
	printf("HOSTILE guest\n");
	get_line(line, true);
	exec_line(line);
	for (;;) {
		printf("hostile# ");
		get_line(line, false);
		printf("\n");
		exec_line(line);
	}
}
