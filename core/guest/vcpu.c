/*
 * vCPU life cycle, independent of the architecture: creation from a vcpus
 * child node, the thread body, and the state changes (start, stop, pause,
 * resume, halt, reset) that other threads or the vCPU itself request.  A
 * requester only sets the new state and wakes or kicks the vCPU; the vCPU
 * thread applies it (register reset, blocking) itself, so its registers
 * are only ever touched by its own thread.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>
#include <vmm/spinlock.h>
#include <vmm/vcpu.h>

const char *vcpu_state_name(const struct vcpu *v)
{
	switch (v->state) {
	case VCPU_RESET:
		return "Reset";
	case VCPU_PAUSED:
		return "Paused";
	case VCPU_HALTED:
		return "Halted";
	default:
		return v->thread->state == THREAD_READY ? "Ready" : "Running";
	}
}

struct vcpu *vcpu_current(void)
{
	struct thread *t = thread_current();

	return t && t->is_vcpu ? t->priv : NULL;
}

struct vcpu *vcpu_find(struct guest *g, unsigned long hartid)
{
	if (hartid >= g->nvcpus || __atomic_load_n(&g->dying, __ATOMIC_ACQUIRE))
		return NULL;
	return g->vcpus[hartid];
}

static void set_state(struct vcpu *v, enum vcpu_state s)
{
	__atomic_store_n(&v->state, s, __ATOMIC_SEQ_CST);
	arch_vcpu_kick(v);
	thread_wake(v->thread);
}

void vcpu_irq_assert(struct vcpu *v, unsigned int irq)
{
	__atomic_fetch_and(&v->irq_clear, ~(1UL << irq), __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&v->irq_pending, 1UL << irq, __ATOMIC_SEQ_CST);
	arch_vcpu_kick(v);
	thread_wake(v->thread);
}

void vcpu_irq_deassert(struct vcpu *v, unsigned int irq)
{
	__atomic_fetch_and(&v->irq_pending, ~(1UL << irq), __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&v->irq_clear, 1UL << irq, __ATOMIC_SEQ_CST);
	if (v != vcpu_current())
		arch_vcpu_kick(v);
}

/* Serialises SBI hart starts: of two racing starts of one vCPU, one wins;
 * the state moves from Reset to Running only if nothing else (halt, pause,
 * reset) changed it meanwhile. */
static spinlock_t hart_start_lock = SPINLOCK_INIT;

int vcpu_hart_start(struct vcpu *v, uint64_t pc, uint64_t arg)
{
	enum vcpu_state reset = VCPU_RESET;
	unsigned long flags;
	bool started;

	spin_lock_irqsave(&hart_start_lock, flags);
	started = v->state == VCPU_RESET;
	if (started) {
		v->reset_pc = pc;
		v->reset_a1 = arg;
		v->reset_pending = true;
		started = __atomic_compare_exchange_n(&v->state, &reset, VCPU_RUNNING, false,
						      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	}
	spin_unlock_irqrestore(&hart_start_lock, flags);
	if (!started)
		return -EBUSY;
	arch_vcpu_kick(v);
	thread_wake(v->thread);
	return 0;
}

void vcpu_hart_stop(struct vcpu *v)
{
	__atomic_store_n(&v->state, VCPU_RESET, __ATOMIC_SEQ_CST);
}

/* Under the start lock, so a racing SBI hart_start cannot mix its start
 * address with this reset's. */
void vcpu_reset_and_start(struct vcpu *v, bool start)
{
	unsigned long flags;

	spin_lock_irqsave(&hart_start_lock, flags);
	v->reset_pc = v->start_pc;
	v->reset_a1 = 0;
	__atomic_store_n(&v->irq_pending, 0, __ATOMIC_SEQ_CST);
	v->reset_pending = true;
	set_state(v, start ? VCPU_RUNNING : VCPU_RESET);
	spin_unlock_irqrestore(&hart_start_lock, flags);
}

int vcpu_pause(struct vcpu *v)
{
	if (v->state != VCPU_RUNNING)
		return -EINVAL;
	set_state(v, VCPU_PAUSED);
	return 0;
}

int vcpu_resume(struct vcpu *v)
{
	if (v->state != VCPU_PAUSED)
		return -EINVAL;
	set_state(v, VCPU_RUNNING);
	return 0;
}

int vcpu_halt(struct vcpu *v, const char *why)
{
	if (v->state == VCPU_HALTED)
		return -EINVAL;
	if (why) {
		printf("\n%s: %s; vCPU halted\n", v->name, why);
		vcpu_dump_regs(v);
	}
	set_state(v, VCPU_HALTED);
	return 0;
}

int vcpu_reset(struct vcpu *v)
{
	vcpu_reset_and_start(v, false);
	return 0;
}

void vcpu_dump_regs(struct vcpu *v)
{
	arch_vcpu_dump_regs(v);
}

static unsigned long long ticks_ms(uint64_t ticks)
{
	return timer_ticks_to_ns(ticks) / 1000000;
}

void vcpu_dump_stats(struct vcpu *v)
{
	const struct vcpu_stats *s = &v->stats;
	uint64_t run = v->thread->run_ticks, guest = s->guest_ticks;

	printf("%s: state %s, hart %u\n", v->name, vcpu_state_name(v), v->thread->cpu->id);
	printf("  exits %llu, SBI calls %llu, MMIO reads %llu, MMIO writes %llu\n",
	       (unsigned long long)s->exits, (unsigned long long)s->sbi_calls,
	       (unsigned long long)s->mmio_reads, (unsigned long long)s->mmio_writes);
	printf("  WFI %llu, host interrupts %llu, CSR/instruction traps %llu\n",
	       (unsigned long long)s->wfi, (unsigned long long)s->irqs,
	       (unsigned long long)s->csr_traps);
	printf("  run time %llu ms, switches %llu\n", ticks_ms(run),
	       (unsigned long long)v->thread->switches);
	printf("  interrupts injected %llu\n", (unsigned long long)s->irqs_injected);
	printf("  time in guest %llu ms, in hypervisor %llu ms\n", ticks_ms(guest),
	       ticks_ms(run > guest ? run - guest : 0));
	arch_vcpu_dump_stats(v);
	printf("  MMIO by device:\n");
	for (unsigned int i = 0; i < v->guest->nregions && i < GUEST_MAX_REGIONS; i++)
		if (s->mmio[i])
			printf("    %-24s %llu\n", v->guest->regions[i].name,
			       (unsigned long long)s->mmio[i]);
}

static void vcpu_thread_main(void *arg)
{
	struct vcpu *v = arg;

	while (!v->exit_requested) {
		unsigned long flags;

		if (v->reset_pending) {
			v->reset_pending = false;
			arch_vcpu_reset_regs(v, v->reset_pc, v->index, v->reset_a1);
		}
		if (v->state == VCPU_RUNNING) {
			arch_vcpu_run_loop(v);
			continue;
		}
		flags = irq_save();
		if (v->state != VCPU_RUNNING && !v->reset_pending && !v->exit_requested)
			thread_block();
		irq_restore(flags);
	}
}

/* Harts allowed by the `affinity` property (all when absent), and the
 * first hart to run on: spread the vCPUs of a guest, and the guests. */
static struct vmm_cpu *pick_cpu(int node, struct guest *g, unsigned int index,
				unsigned long *mask)
{
	uint32_t aff[VMM_MAX_CPUS];
	int n = devtree_read_u32_array(node, "affinity", aff, VMM_MAX_CPUS);

	*mask = 0;
	for (int i = 0; i < n && i < VMM_MAX_CPUS; i++)
		if (aff[i] < vmm_cpu_count && vmm_cpus[aff[i]].online)
			*mask |= 1UL << aff[i];
	if (!*mask)
		*mask = ~0UL;
	for (unsigned int k = 0; k < vmm_cpu_count; k++) {
		struct vmm_cpu *c = &vmm_cpus[(g->id + index + k) % vmm_cpu_count];

		if (c->online && (*mask & (1UL << c->id)))
			return c;
	}
	return NULL;
}

static bool read_vcpu_config(struct vcpu *v, int node, uint32_t *prio, uint64_t *slice)
{
	const char *compat = devtree_read_string(node, "compatible");

	if (!compat || strcmp(compat, "riscv,generic")) {
		printf("Error: %s: property 'compatible' must be \"riscv,generic\"\n", v->node_path);
		return false;
	}
	if (devtree_read_u64(node, "start_pc", &v->start_pc)) {
		printf("Error: %s: missing or malformed property 'start_pc'\n", v->node_path);
		return false;
	}
	v->poweroff = devtree_has_prop(node, "poweroff");
	devtree_read_u32(node, "priority", prio);
	devtree_read_u64(node, "time_slice", slice);
	return true;
}

struct vcpu *vcpu_create(struct guest *g, unsigned int index, const char *node_path)
{
	struct vcpu *v = calloc(1, sizeof(*v));
	int node = devtree_path_offset(node_path);
	uint32_t prio = THREAD_DEFAULT_PRIO;
	uint64_t slice = THREAD_DEFAULT_SLICE_NS;
	unsigned long affinity;

	if (!v)
		return NULL;
	v->guest = g;
	v->index = index;
	snprintf(v->name, sizeof(v->name), "%s/vcpu%u", g->name, index);
	snprintf(v->node_path, sizeof(v->node_path), "%s", node_path);
	if (node < 0 || !read_vcpu_config(v, node, &prio, &slice))
		goto fail;
	if (arch_vcpu_init(v, node))
		goto fail;
	v->thread = thread_create(v->name, vcpu_thread_main, v, pick_cpu(node, g, index, &affinity),
				  prio);
	if (!v->thread) {
		arch_vcpu_deinit(v);
		goto fail;
	}
	v->thread->is_vcpu = true;
	v->thread->priv = v;
	v->thread->affinity = affinity;
	v->thread->time_slice_ns = slice;
	v->state = VCPU_RESET;
	v->reset_pc = v->start_pc;
	v->reset_pending = true;
	thread_start(v->thread);
	return v;
fail:
	free(v);
	return NULL;
}

bool vcpu_stop(struct vcpu *v)
{
	if (thread_ended(v->thread))
		return true;
	/* Again on every call: a sibling may have restarted it meanwhile. */
	v->exit_requested = true;
	set_state(v, VCPU_HALTED);
	return false;
}

void vcpu_destroy(struct vcpu *v)
{
	timer_event_stop_sync(&v->timer);
	arch_vcpu_deinit(v);
	thread_destroy(v->thread);
	free(v);
}
