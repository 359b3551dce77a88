/*
 * The `vcpu` command: listing threads and vCPUs, and per-vCPU control and
 * inspection by the id shown in `vcpu list`.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>
#include <vmm/vcpu.h>
#include "cmd_threads_table.h"

static void vcpu_usage(void)
{
	printf("Usage:\n");
	printf("   vcpu help\n");
	printf("   vcpu list|orphan_list|normal_list\n");
	printf("   vcpu reset|kick|pause|resume|halt <vcpu_id>\n");
	printf("   vcpu dumpreg|dumpstat <vcpu_id>\n");
	printf("   vcpu set_hcpu <vcpu_id> <hcpu>\n");
	printf("   vcpu set_affinity <vcpu_id> <hcpu0> [<hcpu1>...]\n");
}

struct find_arg {
	unsigned long id;
	struct vcpu *v;
};

static void match_id(struct thread *t, void *arg)
{
	struct find_arg *f = arg;

	if (t->id == f->id && t->is_vcpu)
		f->v = t->priv;
}

static int vcpu_op(const char *op, struct vcpu *v)
{
	if (!strcmp(op, "dumpreg")) {
		vcpu_dump_regs(v);
		return 0;
	}
	if (!strcmp(op, "dumpstat")) {
		vcpu_dump_stats(v);
		return 0;
	}
	if (!strcmp(op, "reset"))
		return vcpu_reset(v);
	if (!strcmp(op, "kick"))
		return v->state == VCPU_RESET ? (vcpu_reset_and_start(v, true), 0) : -EINVAL;
	if (!strcmp(op, "pause"))
		return vcpu_pause(v);
	if (!strcmp(op, "resume"))
		return vcpu_resume(v);
	if (!strcmp(op, "halt"))
		return vcpu_halt(v, NULL);
	vcpu_usage();
	return -EINVAL;
}

static struct vmm_cpu *parse_hcpu(const char *arg)
{
	unsigned long c;

	if (vmm_cmd_parse_ulong(arg, &c) || c >= vmm_cpu_count || !vmm_cpus[c].online) {
		printf("Error: %s is not an online host CPU\n", arg);
		return NULL;
	}
	return &vmm_cpus[c];
}

/* set_hcpu and set_affinity: move the thread if it must leave its hart. */
static int vcpu_place(struct vcpu *v, int argc, char **argv)
{
	struct thread *t = v->thread;
	unsigned long mask = 0;
	struct vmm_cpu *first = NULL;

	for (int i = 3; i < argc; i++) {
		struct vmm_cpu *c = parse_hcpu(argv[i]);

		if (!c)
			return -EINVAL;
		mask |= 1UL << c->id;
		if (!first)
			first = c;
	}
	if (!strcmp(argv[1], "set_hcpu")) {
		if (!(t->affinity & mask)) {
			printf("Error: host CPU %u is outside the affinity of %s\n", first->id, v->name);
			return -EINVAL;
		}
		return thread_migrate(t, first);
	}
	t->affinity = mask;
	return mask & (1UL << t->cpu->id) ? 0 : thread_migrate(t, first);
}

static int vcpu_exec(int argc, char **argv)
{
	struct find_arg f = { 0 };
	int rc;

	if (argc == 2 && !strcmp(argv[1], "list")) {
		print_thread_table(THREADS_ALL);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "normal_list")) {
		print_thread_table(THREADS_VCPUS);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "orphan_list")) {
		print_thread_table(THREADS_ORPHANS);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "help")) {
		vcpu_usage();
		return 0;
	}
	bool place = argc >= 4 && (!strcmp(argv[1], "set_hcpu") || !strcmp(argv[1], "set_affinity"));

	if ((argc != 3 && !place) || (place && !strcmp(argv[1], "set_hcpu") && argc != 4) ||
	    vmm_cmd_parse_ulong(argv[2], &f.id)) {
		vcpu_usage();
		return -EINVAL;
	}
	thread_for_each(match_id, &f);
	if (!f.v) {
		printf("Error: no vCPU with id %lu\n", f.id);
		return -ENOENT;
	}
	if (place)
		return vcpu_place(f.v, argc, argv);
	rc = vcpu_op(argv[1], f.v);
	if (rc == -EINVAL)
		printf("Error: %s: cannot %s in state %s\n", f.v->name, argv[1],
		       vcpu_state_name(f.v));
	return rc;
}

VMM_CMD(vcpu_cmd) = {
	.name = "vcpu",
	.desc = "control commands for vcpu",
	.usage = vcpu_usage,
	.exec = vcpu_exec,
};
