/*
 * Boot-hart and secondary-hart start-up on RISC-V: traps, the SBI client,
 * the host FDT, the host ISA (the H extension is required), the identity
 * map, and the memory allocators; then the architecture-neutral
 * vmm_main().  Also the per-hart set-up every hart runs for itself.
 */
#include <stdio.h>
#include <arch/asm.h>
#include <arch/cpu.h>
#include <arch/gstage.h>
#include <arch/mmu.h>
#include <arch/sbi.h>
#include <arch/trap.h>
#include <arch/vcpu_vector.h>
#include <vmm/console.h>
#include <vmm/heap.h>
#include <vmm/host.h>
#include <vmm/init.h>
#include <vmm/page.h>
#include <vmm/timer.h>
#include <vmm/version.h>

extern char _image_start[], _image_end[];
void arch_set_this_cpu(struct vmm_cpu *cpu);
void arch_timer_init_cpu(void);

void arch_early_putc(char c)
{
	/* The firmware's console already turns LF into CR LF. */
	if (c != '\r')
		sbi_early_putc(c);
}

static void halt(void)
{
	for (;;)
		wfi();
}

static void setup_memory(void)
{
	uint64_t top = 0;

	for (unsigned int i = 0; i < host_info.mem_count; i++) {
		uint64_t end = host_info.mem[i].base + host_info.mem[i].size;

		if (end > top)
			top = end;
		page_add_region(host_info.mem[i].base, host_info.mem[i].size);
	}
	if (!mmu_init((top + (1ULL << 30) - 1) & ~((1ULL << 30) - 1))) {
		printf("ERROR: the boot hart accepts none of Sv57, Sv48 and Sv39\n");
		halt();
	}
	page_reserve((uint64_t)_image_start, _image_end - _image_start);
	page_reserve((uint64_t)host_info.fdt, host_info.fdt_size);
	if (host_info.initrd_end > host_info.initrd_start)
		page_reserve(host_info.initrd_start, host_info.initrd_end - host_info.initrd_start);
	for (unsigned int i = 0; i < host_info.reserved_count; i++)
		page_reserve(host_info.reserved[i].base, host_info.reserved[i].size);
	if (heap_init_default()) {
		printf("ERROR: cannot allocate the hypervisor heap\n");
		halt();
	}
}

void arch_cpu_init_local(struct vmm_cpu *cpu)
{
	(void)cpu;
	/* Exceptions a guest handles itself, and its three VS interrupts. */
	csr_write(CSR_HEDELEG, (1UL << EXC_INST_MISALIGNED) | (1UL << EXC_ILLEGAL_INST) |
				       (1UL << EXC_BREAKPOINT) | (1UL << EXC_LOAD_MISALIGNED) |
				       (1UL << EXC_LOAD_ACCESS) | (1UL << EXC_STORE_MISALIGNED) |
				       (1UL << EXC_STORE_ACCESS) | (1UL << EXC_ECALL_U) |
				       (1UL << EXC_INST_PAGE_FAULT) | (1UL << EXC_LOAD_PAGE_FAULT) |
				       (1UL << EXC_STORE_PAGE_FAULT));
	csr_write(CSR_HIDELEG, (1UL << IRQ_VS_SOFT) | (1UL << IRQ_VS_TIMER) | (1UL << IRQ_VS_EXT));
	/* Only time is virtualized (htimedelta); cycle and instret trap and
	 * read the guest's time (vcpu_exit.c); hpmcounters are illegal. */
	csr_write(CSR_HCOUNTEREN, HCOUNTEREN_TM);
	csr_write(CSR_HVIP, 0);
	arch_timer_init_cpu();
	csr_set(CSR_SIE, 1UL << IRQ_S_SOFT);
}

void boot_main(unsigned long hartid, void *fdt)
{
	struct vmm_cpu *cpu;

	trap_init();
	sbi_init();
	vmm_print_banner();
	if (host_fdt_parse(fdt, hartid))
		halt();
	cpu = cpu_by_hartid(hartid);
	arch_set_this_cpu(cpu);
	isa_probe_host(fdt, cpu->fdt_node, cpu->isa);
	if (!host_cpu_has(ISA_EXT_LETTER('h'))) {
		printf("ERROR: hart %lu has no H extension (riscv,isa \"%s\"): "
		       "this hypervisor needs it; stopping.\n",
		       hartid, cpu->isa ? cpu->isa : "?");
		sbi_system_reset(0, 0);
	}
	vector_probe();
	timer_freq_hz = host_info.timebase_hz;
	gstage_probe();
	setup_memory();
	vmm_main();
}

void secondary_main(unsigned long hartid)
{
	struct vmm_cpu *cpu = cpu_by_hartid(hartid);

	trap_init();
	if (!cpu)
		halt();
	arch_set_this_cpu(cpu);
	mmu_enable_cpu();
	vmm_secondary_main(cpu);
}
