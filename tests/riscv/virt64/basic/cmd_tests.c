/*
 * Self-test commands: timer (time base and tick count), wfi_test (sleep in
 * WFI until a timer interrupt, report the time spent) and memtest (pattern
 * write/read-back over a RAM range outside the firmware's own 2 MiB).
 */
#include <errno.h>
#include <stdio.h>

#include "basic.h"

#define WFI_TEST_DEFAULT_MS	1000
#define WFI_TEST_MAX_MS		0xffffffffULL

static int cmd_timer(int argc, char **argv)
{
	uint64_t now = timer_now();

	(void)argc;
	(void)argv;
	printf("Timer frequency : %llu Hz\n", (unsigned long long)timer_hz());
	printf("Timer ticks     : %llu\n", (unsigned long long)now);
	printf("Timer uptime    : %llu usecs\n", (unsigned long long)timer_usecs(now));
	printf("Timer interrupts: %lu\n", timer_irq_count());
	printf("Timer events via: %s\n", timer_has_sstc() ? "Sstc stimecmp" : "SBI TIME");
	return 0;
}
BASIC_CMD(cmd_timer_def, "timer", "", "Show the time base and tick count", cmd_timer);

static int cmd_wfi_test(int argc, char **argv)
{
	uint64_t ms = WFI_TEST_DEFAULT_MS, start, end;
	unsigned long count;

	if (argc > 2 || (argc == 2 && basic_arg_hex(argv, 1, &ms)) || ms > WFI_TEST_MAX_MS)
		return -EINVAL;
	printf("Executing WFI instruction (timer in %llu ms)\n", (unsigned long long)ms);
	count = timer_irq_count();
	start = timer_now();
	csr_set(sie, SIE_STIE);
	timer_arm(start + ms * timer_hz() / 1000);
	csr_set(sstatus, SSTATUS_SIE);
	while (timer_irq_count() == count)
		wfi();
	end = timer_now();
	csr_clear(sstatus, SSTATUS_SIE);
	csr_clear(sie, SIE_STIE);
	printf("Resumed from WFI instruction\n");
	printf("Time spent in WFI: %llu usecs\n", (unsigned long long)timer_usecs(end - start));
	return 0;
}
BASIC_CMD(cmd_wfi_test_def, "wfi_test", "[<ms>]", "Sleep in WFI until a timer interrupt",
	  cmd_wfi_test);

/* Fill [p, p + n) with the pattern (address ^ @key), then verify it. */
static uint64_t memtest_pass(volatile uint64_t *p, uint64_t n, uint64_t key)
{
	uint64_t i, errors = 0;

	for (i = 0; i < n; i++)
		p[i] = (uint64_t)(uintptr_t)&p[i] ^ key;
	for (i = 0; i < n; i++) {
		if (p[i] == ((uint64_t)(uintptr_t)&p[i] ^ key))
			continue;
		if (!errors++)
			printf("memtest: mismatch at 0x%llx\n",
			       (unsigned long long)(uintptr_t)&p[i]);
	}
	return errors;
}

static int cmd_memtest(int argc, char **argv)
{
	uint64_t addr, size, errors;

	if (argc != 3 || basic_arg_hex(argv, 1, &addr) || basic_arg_hex(argv, 2, &size))
		return -EINVAL;
	if ((addr | size) & 7 || addr + size < addr) {
		printf("memtest: address and size must be 8-byte aligned\n");
		return -EINVAL;
	}
	if (addr < FW_LINK_BASE + FW_RAM_SIZE && addr + size > FW_LINK_BASE) {
		printf("memtest: range overlaps the firmware\n");
		return -EBUSY;
	}
	errors = memtest_pass((volatile uint64_t *)(uintptr_t)addr, size / 8, 0);
	errors += memtest_pass((volatile uint64_t *)(uintptr_t)addr, size / 8, UINT64_MAX);
	printf("memtest: 0x%llx bytes at 0x%llx, %llu errors\n", (unsigned long long)size,
	       (unsigned long long)addr, (unsigned long long)errors);
	return errors ? -EIO : 0;
}
BASIC_CMD(cmd_memtest_def, "memtest", "<addr> <size>", "Write/read-back test of a RAM range",
	  cmd_memtest);
