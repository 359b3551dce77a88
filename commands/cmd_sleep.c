/*
 * The `sleep` command: sleep the shell thread for a while, or measure how
 * accurately the timer wakes it (test_* forms).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/thread.h>
#include <vmm/timer.h>

static void sleep_usage(void)
{
	printf("Usage:\n");
	printf("   sleep help\n");
	printf("   sleep secs|msecs|usecs <n>\n");
	printf("   sleep test_secs|test_msecs|test_usecs <iterations> <n>\n");
}

static uint64_t unit_ns(const char *unit)
{
	if (!strcmp(unit, "secs"))
		return 1000000000ULL;
	if (!strcmp(unit, "msecs"))
		return 1000000ULL;
	if (!strcmp(unit, "usecs"))
		return 1000ULL;
	return 0;
}

static int sleep_test(uint64_t ns, unsigned long iters, unsigned long n)
{
	uint64_t total = 0, worst = 0;

	for (unsigned long i = 0; i < iters; i++) {
		uint64_t t0 = timer_ns(), dt;

		thread_sleep_ns(ns * n);
		dt = timer_ns() - t0;
		total += dt;
		if (dt > worst)
			worst = dt;
	}
	printf("requested %llu ns, average %llu ns, worst %llu ns over %lu iterations\n",
	       (unsigned long long)(ns * n), (unsigned long long)(iters ? total / iters : 0),
	       (unsigned long long)worst, iters);
	return 0;
}

static int sleep_exec(int argc, char **argv)
{
	unsigned long n, iters;
	uint64_t ns;

	if (argc == 3 && (ns = unit_ns(argv[1])) != 0) {
		if (vmm_cmd_parse_ulong(argv[2], &n))
			goto bad;
		thread_sleep_ns(ns * n);
		return 0;
	}
	if (argc == 4 && !strncmp(argv[1], "test_", 5) && (ns = unit_ns(argv[1] + 5)) != 0) {
		if (vmm_cmd_parse_ulong(argv[2], &iters) || vmm_cmd_parse_ulong(argv[3], &n))
			goto bad;
		return sleep_test(ns, iters, n);
	}
	if (argc == 2 && !strcmp(argv[1], "help")) {
		sleep_usage();
		return 0;
	}
bad:
	sleep_usage();
	return -EINVAL;
}

VMM_CMD(sleep_cmd) = {
	.name = "sleep",
	.desc = "sleep for some time",
	.usage = sleep_usage,
	.exec = sleep_exec,
};
