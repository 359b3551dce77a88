/*
 * The `sleep` command: sleep the shell thread for a while, or measure how
 * accurately the timer wakes it (test_* forms).
 */
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/thread.h>
#include <vmm/timer.h>

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

static int sleep_for(int argc, char **argv)
{
	unsigned long n;

	(void)argc;
	if (vmm_cmd_parse_ulong(argv[2], &n))
		return VMM_CMD_BAD_ARGS;
	thread_sleep_ns(unit_ns(argv[1]) * n);
	return 0;
}

static int sleep_test(int argc, char **argv)
{
	uint64_t ns = unit_ns(argv[1] + 5), total = 0, worst = 0;
	unsigned long iters, n;

	(void)argc;
	if (vmm_cmd_parse_ulong(argv[2], &iters) || vmm_cmd_parse_ulong(argv[3], &n))
		return VMM_CMD_BAD_ARGS;

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

static const struct vmm_subcmd sleep_subcmds[] = {
	{ "secs", 1, 1, sleep_for, "<n>" },
	{ "msecs", 1, 1, sleep_for, "<n>" },
	{ "usecs", 1, 1, sleep_for, "<n>" },
	{ "test_secs", 2, 2, sleep_test, "<iterations> <n>" },
	{ "test_msecs", 2, 2, sleep_test, "<iterations> <n>" },
	{ "test_usecs", 2, 2, sleep_test, "<iterations> <n>" },
};

VMM_CMD(sleep_cmd) = {
	.name = "sleep",
	.desc = "sleep for some time",
	VMM_SUBCMDS(sleep_subcmds),
};
