/*
 * Architecture-neutral start-up.  On the boot hart: the live device tree,
 * the boot hart's scheduler and timers, the host drivers (interrupt
 * controller, then console and other devices), the initrd block device,
 * the secondary harts, and the shell thread; then the hart becomes its own
 * idle thread.  Secondary harts join the scheduler with their own idle
 * threads.
 */
#include <stdio.h>
#include <vmm/arch_smp.h>
#include <vmm/devtree.h>
#include <vmm/driver.h>
#include <vmm/host.h>
#include <vmm/init.h>
#include <vmm/irq.h>
#include <vmm/rbd.h>
#include <vmm/thread.h>
#include <vmm/timer.h>

static void cpu_init_common(struct vmm_cpu *cpu)
{
	spin_lock_init(&cpu->timer_lock);
	spin_lock_init(&cpu->call_lock);
	INIT_LIST_HEAD(&cpu->timers);
	sched_init_cpu(cpu);
}

static void start_secondaries(void)
{
	unsigned int started = 1;

	for (unsigned int i = 0; i < vmm_cpu_count; i++) {
		struct vmm_cpu *cpu = &vmm_cpus[i];
		uint64_t deadline;

		if (i == vmm_boot_cpu || arch_cpu_start(cpu))
			continue;
		deadline = timer_ticks() + timer_freq_hz;
		while (!__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE) && timer_ticks() < deadline)
			;
		if (cpu->online)
			started++;
		else
			printf("INIT: hart %lu did not come online\n", cpu->hartid);
	}
	printf("INIT: %u of %u harts online\n", started, vmm_cpu_count);
}

void vmm_main(void)
{
	struct vmm_cpu *cpu = this_cpu();
	int rc;

	printf("INIT: boot hart %lu, %u hart(s), %llu MiB RAM in %u bank(s), timebase %llu Hz\n",
	       cpu->hartid, vmm_cpu_count, (unsigned long long)(host_ram_total() >> 20),
	       host_info.mem_count, (unsigned long long)host_info.timebase_hz);
	cpu_init_common(cpu);
	rc = devtree_init(host_info.fdt);
	if (rc)
		printf("INIT: device tree copy failed (error %d)\n", rc);
	arch_cpu_init_local(cpu);
	cpu->online = true;
	drivers_probe(host_info.fdt);
	if (host_info.initrd_end > host_info.initrd_start) {
		rc = rbd_create("initrd", host_info.initrd_start,
				host_info.initrd_end - host_info.initrd_start);
		printf("INIT: initrd: %llu KiB at 0x%llx%s\n",
		       (unsigned long long)((host_info.initrd_end - host_info.initrd_start) >> 10),
		       (unsigned long long)host_info.initrd_start, rc ? " (block device failed)" : "");
	}
	start_secondaries();
	if (shell_start())
		printf("INIT: cannot start the shell\n");
	sched_start();
}

void vmm_secondary_main(struct vmm_cpu *cpu)
{
	cpu_init_common(cpu);
	arch_cpu_init_local(cpu);
	irq_init_cpu();
	__atomic_store_n(&cpu->online, true, __ATOMIC_RELEASE);
	sched_start();
}
