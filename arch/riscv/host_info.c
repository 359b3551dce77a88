/*
 * RISC-V specifics of the host commands: per-hart ISA and MMU modes, the
 * I/O address pool (the identity map), and power control through SBI SRST.
 */
#include <stdio.h>
#include <arch/cpu.h>
#include <arch/gstage.h>
#include <arch/mmu.h>
#include <arch/sbi.h>
#include <vmm/arch_host.h>
#include <vmm/smp.h>
#include <vmm/timer.h>

void arch_print_cpu_info(const struct vmm_cpu *cpu)
{
	char isa[160];

	isa_format(host_isa, isa, sizeof(isa));
	printf("CPU%u:\n", cpu->id);
	printf("  Hart ID       : %lu\n", cpu->hartid);
	printf("  Online        : %s\n", cpu->online ? "yes" : "no");
	printf("  ISA (DT)      : %s\n", cpu->isa ? cpu->isa : "-");
	printf("  ISA (used)    : %s\n", isa);
	printf("  Stage-1 MMU   : %s\n", mmu_mode_name());
	printf("  Stage-2 MMU   : %s\n", gstage_mode_name());
	printf("  VMID bits     : %u\n", vmid_bits);
	printf("  Timer         : %s\n", host_cpu_has(ISA_EXT_SSTC) ? "Sstc stimecmp" : "SBI TIME");
	printf("  Timebase      : %llu Hz\n", (unsigned long long)timer_freq_hz);
}

uint64_t arch_vapool_size(void)
{
	return mmu_mapped_limit();
}

void arch_print_vapool_info(void)
{
	printf("Virtual address pool: identity map of [0x%016llx - 0x%016llx)\n", 0ULL,
	       (unsigned long long)mmu_mapped_limit());
	printf("  Mode          : %s\n", mmu_mode_name());
	printf("  Page size     : 1 GiB leaves\n");
	printf("  Size          : %llu MB\n", (unsigned long long)(mmu_mapped_limit() >> 20));
}

void arch_print_firmware_info(void)
{
	char ver[32];

	/* OpenSBI encodes its version as major << 16 | minor. */
	if (sbi_info.impl_id == 1)
		snprintf(ver, sizeof(ver), "v%lu.%lu", sbi_info.impl_version >> 16,
			 sbi_info.impl_version & 0xffff);
	else
		snprintf(ver, sizeof(ver), "0x%lx", sbi_info.impl_version);
	printf("Firmware (SBI)       : %s %s, SBI spec v%lu.%lu\n", sbi_impl_name(sbi_info.impl_id),
	       ver, (sbi_info.spec_version >> 24) & 0x7f, sbi_info.spec_version & 0xffffff);
}

void arch_system_shutdown(void)
{
	sbi_system_reset(0, 0);
}

void arch_system_reset(void)
{
	sbi_system_reset(1, 0);
}
