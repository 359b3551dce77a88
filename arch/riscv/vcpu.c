/*
 * The RISC-V vCPU: its reset state, the load/put of its VS-level state on
 * a hart, and the run loop.  An exit is handled by vcpu_exit(), called
 * from the trap entry, which enters the guest again straight away; the
 * interrupts and requests posted meanwhile are applied there first.  Only
 * a reschedule or a state change gives control back to the run loop,
 * which passes through the scheduler when the hart must reschedule.  The
 * VS CSRs, FP and vector registers are saved and restored only around
 * scheduling points and blocking, never on the exit path.  Requests from
 * other threads (fences) are bits in the vCPU's request word, set before
 * the kick; the entry path publishes in_guest, then looks at everything
 * posted to the vCPU once more, so nothing posted is left until the next
 * exit.  A vCPU that comes to a hart from another, or after another vCPU
 * ran there, flushes its VS-stage TLB (and, after a move, its instruction
 * cache), and a G-stage table switch that keeps the shared VMID 0 flushes
 * the G-stage TLB of that VMID, as the privileged spec requires.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arch/asm.h>
#include <arch/cpu.h>
#include <arch/gstage_guest.h>
#include <arch/nested.h>
#include <arch/sbi_server.h>
#include <arch/vcpu_aia.h>
#include <arch/vcpu_priv.h>
#include <arch/vcpu_vector.h>
#include <vmm/devtree.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>
#include <vmm/smp.h>

#define SSTATUS_FS_CLEAN (2UL << 13)
#define SSTATUS_VS_CLEAN (2UL << 9)

_Static_assert(offsetof(struct vcpu_regs, vcpu) == VR_VCPU * 8, "vcpu_regs layout");

static struct vcpu *last_loaded[VMM_MAX_CPUS];

static bool has_fp(struct vcpu *v)
{
	return v->isa & ((1ULL << ('f' - 'a')) | (1ULL << ('d' - 'a')));
}

int arch_vcpu_init(struct vcpu *v, int node)
{
	const char *isa_string = devtree_read_string(node, "riscv,isa");
	struct vcpu_arch *a = calloc(1, sizeof(*a));

	if (!a)
		return -ENOMEM;
	v->arch = a;
	if (!isa_string)
		isa_string = "rv64imafdc";
	v->isa = isa_guest_set(isa_parse_string(isa_string));
	if (!(v->isa & (1ULL << ('i' - 'a')))) {
		printf("Error: %s: riscv,isa \"%s\" has no base integer ISA\n", v->node_path,
		       isa_string);
		free(a);
		v->arch = NULL;
		return -EINVAL;
	}
	if (vcpu_vector_init(v) || nested_vcpu_init(v, node, isa_string)) {
		vcpu_vector_deinit(v);
		free(a);
		v->arch = NULL;
		return -ENOMEM;
	}
	/* After the ISA is final: the probes (NACL) look at it. */
	sbi_server_vcpu_config(v, node);
	timer_event_init(&a->wakeup, NULL, v);
	a->last_cpu = VCPU_NO_CPU;
	a->regs.vcpu = v;
	a->mmio_insn_key = ~0UL;
	return 0;
}

void arch_vcpu_deinit(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (!a)
		return;
	timer_event_stop_sync(&a->wakeup);
	vcpu_aia_release(v);
	vcpu_vector_deinit(v);
	nested_vcpu_deinit(v);
	for (unsigned int i = 0; i < VMM_MAX_CPUS; i++)
		if (last_loaded[i] == v)
			last_loaded[i] = NULL;
	free(a);
	v->arch = NULL;
}

void arch_vcpu_reset_regs(struct vcpu *v, uint64_t pc, uint64_t a0, uint64_t a1)
{
	struct vcpu_arch *a = v->arch;
	unsigned long fs = has_fp(v) ? SSTATUS_FS_INITIAL : 0;
	unsigned long vs = vcpu_has_vector(v) ? SSTATUS_VS_INITIAL : 0;

	memset(&a->regs, 0, offsetof(struct vcpu_regs, host));
	memset(&a->csrs, 0, sizeof(a->csrs));
	memset(&a->sbi, 0, sizeof(a->sbi));
	memset(a->fp, 0, sizeof(a->fp));
	a->fcsr = 0;
	a->regs.x[10] = a0;
	a->regs.x[11] = a1;
	a->regs.sepc = pc;
	/* Return to VS-mode (SPP=1) with the host's FS and VS enabled for the guest. */
	a->regs.sstatus = SSTATUS_SPP | SSTATUS_SPIE | fs | vs;
	a->regs.hstatus = (2UL << HSTATUS_VSXL_SHIFT) | HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_VTW;
	a->csrs.vs.vsstatus = fs | vs | (2UL << 32);	/* UXL = 64 */
	a->csrs.vstimecmp = UINT64_MAX;
	a->csrs.henvcfg = isa_henvcfg(v->isa);
	a->timer_deadline = UINT64_MAX;
	a->fp_dirty = false;
	vcpu_vector_reset(v);
	a->loaded = false;
	/* The guest's images may have been (re)loaded by the host. */
	__atomic_fetch_or(&a->requests, VCPU_REQ_VVMA | VCPU_REQ_FENCE_I, __ATOMIC_SEQ_CST);
	v->irq_pending = 0;
	v->irq_clear = 0;
	timer_event_stop(&v->timer);
	timer_event_stop(&a->wakeup);
	if (a->aia)
		vcpu_aia_reset(v);
	nested_vcpu_reset(v);
}

void vcpu_load(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;
	struct gstage *gs = v->guest->arch;
	unsigned int cpu;

	/* First: a vCPU that changed harts moves its interrupt file here. */
	if (a->aia)
		vcpu_aia_load(v);
	cpu = this_cpu()->id;
	if (csr_read(CSR_HGATP) != gs->hgatp) {
		csr_write(CSR_HGATP, gs->hgatp);
		/* VMID 0 is shared: another guest's G-stage entries may carry it. */
		if (!gs->vmid)
			gstage_hfence_vmid(0);
	}
	if (a->last_cpu != cpu) {
		/* Entries cached here before the vCPU moved away are stale, and
		 * code it wrote elsewhere may not be in this instruction cache. */
		__atomic_fetch_or(&a->requests, VCPU_REQ_VVMA | VCPU_REQ_FENCE_I,
				  __ATOMIC_SEQ_CST);
		a->last_cpu = cpu;
	}
	if (last_loaded[cpu] != v) {
		/* Another vCPU's VS-stage TLB entries may share our VMID. */
		__atomic_fetch_or(&a->requests, VCPU_REQ_VVMA, __ATOMIC_SEQ_CST);
		last_loaded[cpu] = v;
	}
	csr_write(CSR_HTIMEDELTA, -v->guest->time_base);
	csr_write(CSR_HENVCFG, a->csrs.henvcfg);
	vs_csrs_restore(&a->csrs.vs);
	csr_write(CSR_SCOUNTEREN, a->csrs.scounteren);
	csr_write(CSR_SENVCFG, a->csrs.senvcfg);
	csr_write(CSR_HVIP, a->csrs.hvip);
	if (vcpu_uses_sstc(v))
		csr_write(CSR_VSTIMECMP, a->csrs.vstimecmp);
	if (has_fp(v))
		vcpu_fp_restore(a->fp, &a->fcsr);
	vcpu_vector_load(v);
	if (a->nested)
		nested_load(v);
	a->loaded = true;
}

void vcpu_put(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (!a->loaded)
		return;
	vs_csrs_save(&a->csrs.vs);
	a->csrs.scounteren = csr_read(CSR_SCOUNTEREN);
	a->csrs.senvcfg = csr_read(CSR_SENVCFG);
	a->csrs.hvip = csr_read(CSR_HVIP);
	if (vcpu_uses_sstc(v))
		a->csrs.vstimecmp = csr_read(CSR_VSTIMECMP);
	if (a->aia)
		vcpu_aia_put(v);
	if (a->nested)
		nested_put(v);
	if (a->fp_dirty) {
		vcpu_fp_save(a->fp, &a->fcsr);
		a->fp_dirty = false;
	}
	vcpu_vector_put(v);
	a->loaded = false;
}

static void sync_interrupts(struct vcpu *v)
{
	unsigned long set, clear;

	if (!v->irq_pending && !v->irq_clear)
		return;
	set = __atomic_exchange_n(&v->irq_pending, 0, __ATOMIC_SEQ_CST);
	clear = __atomic_exchange_n(&v->irq_clear, 0, __ATOMIC_SEQ_CST);
	v->stats.irqs_injected += __builtin_popcountl(set);
	if (vcpu_arch(v)->nested && nested_post_irqs(v, set, clear))
		return;
	csr_write(CSR_HVIP, (csr_read(CSR_HVIP) | set) & ~clear);
	if (vcpu_arch(v)->aia)
		vcpu_aia_sync_hvip(v);
}

static void do_requests(struct vcpu_arch *a)
{
	unsigned long req;

	if (!__atomic_load_n(&a->requests, __ATOMIC_RELAXED))
		return;
	req = __atomic_exchange_n(&a->requests, 0, __ATOMIC_SEQ_CST);
	if (req & VCPU_REQ_VVMA)
		__asm__ __volatile__(".insn r 0x73, 0, 0x11, x0, x0, x0" : : : "memory");
	if (req & VCPU_REQ_FENCE_I)
		__asm__ __volatile__("fence.i" : : : "memory");
}

static bool keep_running(struct vcpu *v)
{
	return v->state == VCPU_RUNNING && !v->reset_pending && !v->exit_requested;
}

/* Something was posted to the vCPU since the entry path last looked. */
static bool posted(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	return __atomic_load_n(&a->requests, __ATOMIC_RELAXED) || v->irq_pending ||
	       v->irq_clear || !keep_running(v) || this_cpu()->need_resched;
}

/*
 * The last step before each entry: publish in_guest, then look again
 * (pairs with arch_vcpu_kick): a poster either is seen here or sees
 * in_guest and kicks.  False, with in_guest cleared, when something was
 * posted.
 */
static inline bool ready_to_enter(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (a->sbi.sta_on)
		sbi_sta_update(v);
	__atomic_store_n(&v->in_guest, true, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (posted(v)) {
		__atomic_store_n(&v->in_guest, false, __ATOMIC_RELEASE);
		return false;
	}
	a->entry_time = csr_read(CSR_TIME);
	return true;
}

/* Everything before an entry but the scheduler: inject the interrupts
 * posted, do the requests, then ready_to_enter(). */
static bool prepare_entry(struct vcpu *v)
{
	sync_interrupts(v);
	if (vcpu_arch(v)->nested)
		nested_before_entry(v);
	do_requests(v->arch);
	return ready_to_enter(v);
}

bool vcpu_exit(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	v->stats.guest_ticks += csr_read(CSR_TIME) - a->entry_time;
	__atomic_store_n(&v->in_guest, false, __ATOMIC_RELEASE);
	v->stats.exits++;
	/* Dirty FP or vector state: note it, and mark it clean for the next exit. */
	if ((a->regs.sstatus & SSTATUS_FS) == SSTATUS_FS) {
		a->fp_dirty = true;
		a->regs.sstatus ^= SSTATUS_FS ^ SSTATUS_FS_CLEAN;
	}
	if ((a->regs.sstatus & SSTATUS_VS) == SSTATUS_VS) {
		a->vec_dirty = true;
		a->regs.sstatus ^= SSTATUS_VS ^ SSTATUS_VS_CLEAN;
	}
	vcpu_handle_exit(v);
	if (ready_to_enter(v))
		return true;
	/* What the exit itself posted (an interrupt, a request) is dealt with
	 * here; a reschedule or a state change is the run loop's. */
	return keep_running(v) && !this_cpu()->need_resched && prepare_entry(v);
}

void arch_vcpu_run_loop(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	irq_disable();
	vcpu_load(v);
	while (keep_running(v)) {
		/* this_cpu() every time: the vCPU may come back on another hart. */
		if (this_cpu()->need_resched) {
			vcpu_put(v);
			schedule();
			vcpu_load(v);
			continue;
		}
		if (prepare_entry(v))
			arch_vcpu_run(&a->regs);
	}
	vcpu_put(v);
	irq_enable();
}

/*
 * The poster has stored its request (state, interrupt, request bit); the
 * fence orders that store before the load of in_guest (pairs with the
 * entry path).  thread->cpu is read after in_guest: a vCPU in the guest
 * does not move.
 */
void arch_vcpu_kick(struct vcpu *v)
{
	struct vmm_cpu *cpu;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&v->in_guest, __ATOMIC_RELAXED))
		return;
	cpu = v->thread->cpu;
	if (cpu != this_cpu())
		smp_send_ipi(cpu, IPI_KICK);
}

void vcpu_request_flush(struct vcpu *v, bool fence_i)
{
	struct vcpu_arch *a = v->arch;
	unsigned long bits = VCPU_REQ_VVMA | (fence_i ? VCPU_REQ_FENCE_I : 0);

	__atomic_fetch_or(&a->requests, bits, __ATOMIC_SEQ_CST);
	if (v == vcpu_current())
		return;
	arch_vcpu_kick(v);
	/* Until v has left the guest or already taken the request: the kick
	 * is an HS interrupt, which a guest cannot mask. */
	while (__atomic_load_n(&v->in_guest, __ATOMIC_ACQUIRE) &&
	       (__atomic_load_n(&a->requests, __ATOMIC_ACQUIRE) & bits))
		__asm__ __volatile__("nop");
}

/*
 * Whether WFI (or a retentive suspend) should end: an interrupt pending
 * that the guest enabled in its sie, whatever its sstatus.SIE.  The live
 * CSRs are read while the vCPU's state is on the hart, the saved copies
 * otherwise.  vsie holds the VS interrupts one bit lower than hvip.
 */
bool vcpu_has_pending_irq(struct vcpu *v)
{
	const unsigned long vs_irqs = (1UL << IRQ_VS_SOFT) | (1UL << IRQ_VS_TIMER) |
				      (1UL << IRQ_VS_EXT);
	struct vcpu_arch *a = v->arch;
	bool sstc = vcpu_uses_sstc(v);
	unsigned long hvip = a->loaded ? csr_read(CSR_HVIP) : a->csrs.hvip;
	unsigned long vsie = a->loaded ? csr_read(CSR_VSIE) : a->csrs.vs.vsie;
	uint64_t cmp = a->loaded && sstc ? csr_read(CSR_VSTIMECMP) : a->csrs.vstimecmp;
	unsigned long pending = (hvip | v->irq_pending) & ~v->irq_clear;

	if (sstc && cmp <= vcpu_guest_time(v))
		pending |= 1UL << IRQ_VS_TIMER;
	if (pending & (vsie << 1) & vs_irqs)
		return true;
	return a->aia && vcpu_aia_pending(v);
}

void vcpu_wait_for_irq(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	v->stats.wfi++;
	vcpu_put(v);
	vcpu_timer_arm_wakeup(v);
	while (!vcpu_has_pending_irq(v) && keep_running(v)) {
		if (a->aia)
			vcpu_aia_arm_wakeup(v);
		thread_block();
	}
	vcpu_timer_stop_wakeup(v);
	vcpu_load(v);
	/* The interrupt that ended the wait, straight into hvip. */
	sync_interrupts(v);
}

void arch_vcpu_dump_regs(struct vcpu *v)
{
	static const char *const names[32] = {
		"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
		"a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
		"s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
	};
	struct vcpu_arch *a = v->arch;

	printf("%s registers:\n", v->name);
	printf("  pc       0x%016lx  sstatus  0x%016lx  hstatus 0x%016lx\n", a->regs.sepc,
	       a->regs.sstatus, a->regs.hstatus);
	printf("  scause   0x%016lx  stval    0x%016lx  htval   0x%016lx  htinst 0x%016lx\n",
	       a->regs.scause, a->regs.stval, a->regs.htval, a->regs.htinst);
	for (int i = 1; i < 32; i++)
		printf("  %-4s 0x%016lx%s", names[i], a->regs.x[i], i % 4 == 3 ? "\n" : "");
	printf("\n  vsstatus 0x%016lx  vsepc    0x%016lx  vscause 0x%016lx\n", a->csrs.vs.vsstatus,
	       a->csrs.vs.vsepc, a->csrs.vs.vscause);
	printf("  vstvec   0x%016lx  vsatp    0x%016lx  hvip    0x%016lx\n", a->csrs.vs.vstvec,
	       a->csrs.vs.vsatp, a->csrs.hvip);
	vcpu_vector_dump(v);
}
