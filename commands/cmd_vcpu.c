/*
 * The `vcpu` command: listing threads and vCPUs, and per-vCPU control and
 * inspection by the id shown in `vcpu list`.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/cmd.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>
#include <vmm/vcpu.h>
#include "cmd_threads_table.h"

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

/*
 * Find the vCPU whose thread id is arg: 0, VMM_CMD_BAD_ARGS for a malformed
 * id, or -ENOENT after an error line.
 */
static int find_vcpu(const char *arg, struct vcpu **v)
{
	struct find_arg f = { 0 };

	if (vmm_cmd_parse_ulong(arg, &f.id))
		return VMM_CMD_BAD_ARGS;
	thread_for_each(match_id, &f);
	if (!f.v) {
		printf("Error: no vCPU with id %lu\n", f.id);
		return -ENOENT;
	}
	*v = f.v;
	return 0;
}

/* Run a state change on the vCPU named by argv[2]; -EINVAL: wrong state. */
static int state_op(char **argv, int (*fn)(struct vcpu *v))
{
	struct vcpu *v;
	int rc = find_vcpu(argv[2], &v);

	if (rc)
		return rc;
	rc = fn(v);
	if (rc == -EINVAL)
		printf("Error: %s: cannot %s in state %s\n", v->name, argv[1], vcpu_state_name(v));
	return rc;
}

static int do_kick(struct vcpu *v)
{
	if (v->state != VCPU_RESET)
		return -EINVAL;
	vcpu_reset_and_start(v, true);
	return 0;
}

static int do_halt(struct vcpu *v)
{
	return vcpu_halt(v, NULL);
}

static int do_dumpreg(struct vcpu *v)
{
	vcpu_dump_regs(v);
	return 0;
}

static int do_dumpstat(struct vcpu *v)
{
	vcpu_dump_stats(v);
	return 0;
}

#define STATE_OP(op, fn) \
	static int vcpu_cmd_##op(int argc, char **argv) \
	{ \
		(void)argc; \
		return state_op(argv, fn); \
	}

STATE_OP(reset, vcpu_reset)
STATE_OP(kick, do_kick)
STATE_OP(pause, vcpu_pause)
STATE_OP(resume, vcpu_resume)
STATE_OP(halt, do_halt)
STATE_OP(dumpreg, do_dumpreg)
STATE_OP(dumpstat, do_dumpstat)

static struct vmm_cpu *parse_hcpu(const char *arg)
{
	unsigned long c;

	if (vmm_cmd_parse_ulong(arg, &c) || c >= vmm_cpu_count || !vmm_cpus[c].online) {
		printf("Error: %s is not an online host CPU\n", arg);
		return NULL;
	}
	return &vmm_cpus[c];
}

static int parse_mask(int argc, char **argv, unsigned long *mask, struct vmm_cpu **first)
{
	*mask = 0;
	*first = NULL;
	for (int i = 3; i < argc; i++) {
		struct vmm_cpu *c = parse_hcpu(argv[i]);

		if (!c)
			return -EINVAL;
		*mask |= 1UL << c->id;
		if (!*first)
			*first = c;
	}
	return 0;
}

/* The vCPU named by argv[2] and the host CPUs listed after it. */
static int vcpu_and_cpus(int argc, char **argv, struct vcpu **v, unsigned long *mask,
			 struct vmm_cpu **first)
{
	int rc = find_vcpu(argv[2], v);

	if (rc)
		return rc;
	return parse_mask(argc, argv, mask, first) ? -EINVAL : 0;
}

static int vcpu_set_hcpu(int argc, char **argv)
{
	struct vmm_cpu *first;
	unsigned long mask;
	struct vcpu *v;
	int rc = vcpu_and_cpus(argc, argv, &v, &mask, &first);

	if (rc)
		return rc;
	if (!(v->thread->affinity & mask)) {
		printf("Error: host CPU %u is outside the affinity of %s\n", first->id, v->name);
		return -EINVAL;
	}
	return thread_migrate(v->thread, first);
}

/* Move the thread if it must leave its hart. */
static int vcpu_set_affinity(int argc, char **argv)
{
	struct vmm_cpu *first;
	unsigned long mask;
	struct vcpu *v;
	int rc = vcpu_and_cpus(argc, argv, &v, &mask, &first);

	if (rc)
		return rc;
	v->thread->affinity = mask;
	return mask & (1UL << v->thread->cpu->id) ? 0 : thread_migrate(v->thread, first);
}

#define LIST(op, filter) \
	static int vcpu_cmd_##op(int argc, char **argv) \
	{ \
		(void)argc; \
		(void)argv; \
		print_thread_table(filter); \
		return 0; \
	}

LIST(list, THREADS_ALL)
LIST(orphan_list, THREADS_ORPHANS)
LIST(normal_list, THREADS_VCPUS)

static const struct vmm_subcmd vcpu_subcmds[] = {
	{ "list", 0, 0, vcpu_cmd_list, NULL },
	{ "orphan_list", 0, 0, vcpu_cmd_orphan_list, NULL },
	{ "normal_list", 0, 0, vcpu_cmd_normal_list, NULL },
	{ "monitor", 0, 1, cmd_vcpu_monitor, "[<chardev>]" },
	{ "reset", 1, 1, vcpu_cmd_reset, "<vcpu_id>" },
	{ "kick", 1, 1, vcpu_cmd_kick, "<vcpu_id>" },
	{ "pause", 1, 1, vcpu_cmd_pause, "<vcpu_id>" },
	{ "resume", 1, 1, vcpu_cmd_resume, "<vcpu_id>" },
	{ "halt", 1, 1, vcpu_cmd_halt, "<vcpu_id>" },
	{ "dumpreg", 1, 1, vcpu_cmd_dumpreg, "<vcpu_id>" },
	{ "dumpstat", 1, 1, vcpu_cmd_dumpstat, "<vcpu_id>" },
	{ "set_hcpu", 2, 2, vcpu_set_hcpu, "<vcpu_id> <hcpu>" },
	{ "set_affinity", 2, VMM_CMD_MAX_ARGS, vcpu_set_affinity,
	  "<vcpu_id> <hcpu0> [<hcpu1>...]" },
};

VMM_CMD(vcpu_cmd) = {
	.name = "vcpu",
	.desc = "control commands for vcpu",
	VMM_SUBCMDS(vcpu_subcmds),
};
