/*
 * SBI client.  Wraps the ecall convention (a7 = extension, a6 = function,
 * a0..a5 arguments; a0 = error, a1 = value back) and probes at boot which
 * extensions the firmware implements.  The legacy console putchar is the
 * console before the UART driver is up.
 */
#include <arch/sbi.h>

struct sbi_info sbi_info;

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2, unsigned long a3,
			unsigned long a4, unsigned long a5)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r3 __asm__("a3") = a3;
	register unsigned long r4 __asm__("a4") = a4;
	register unsigned long r5 __asm__("a5") = a5;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ __volatile__("ecall"
			     : "+r"(r0), "+r"(r1)
			     : "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
			     : "memory");
	ret.error = r0;
	ret.value = r1;
	return ret;
}

static bool sbi_probe(unsigned long ext)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, 3, ext, 0, 0, 0, 0, 0);

	return !r.error && r.value;
}

void sbi_init(void)
{
	sbi_info.spec_version = sbi_ecall(SBI_EXT_BASE, 0, 0, 0, 0, 0, 0, 0).value;
	sbi_info.impl_id = sbi_ecall(SBI_EXT_BASE, 1, 0, 0, 0, 0, 0, 0).value;
	sbi_info.impl_version = sbi_ecall(SBI_EXT_BASE, 2, 0, 0, 0, 0, 0, 0).value;
	sbi_info.has_time = sbi_probe(SBI_EXT_TIME);
	sbi_info.has_ipi = sbi_probe(SBI_EXT_IPI);
	sbi_info.has_rfence = sbi_probe(SBI_EXT_RFENCE);
	sbi_info.has_hsm = sbi_probe(SBI_EXT_HSM);
	sbi_info.has_srst = sbi_probe(SBI_EXT_SRST);
	sbi_info.has_dbcn = sbi_probe(SBI_EXT_DBCN);
}

void sbi_early_putc(char c)
{
	sbi_ecall(0x1, 0, (unsigned char)c, 0, 0, 0, 0, 0);
}

void sbi_set_timer(uint64_t deadline)
{
	if (sbi_info.has_time)
		sbi_ecall(SBI_EXT_TIME, 0, deadline, 0, 0, 0, 0, 0);
	else
		sbi_ecall(0x0, 0, deadline, 0, 0, 0, 0, 0);
}

int sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_ecall(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0, 0, 0, 0).error;
}

int sbi_hart_start(unsigned long hartid, unsigned long addr, unsigned long opaque)
{
	return sbi_ecall(SBI_EXT_HSM, 0, hartid, addr, opaque, 0, 0, 0).error;
}

void sbi_system_reset(unsigned long type, unsigned long reason)
{
	if (sbi_info.has_srst)
		sbi_ecall(SBI_EXT_SRST, 0, type, reason, 0, 0, 0, 0);
	sbi_ecall(0x8, 0, 0, 0, 0, 0, 0, 0);
	for (;;)
		__asm__ __volatile__("wfi");
}

int sbi_remote_hfence_gvma_vmid(unsigned long hart_mask, unsigned long base,
				unsigned long gpa, unsigned long size, unsigned long vmid)
{
	return sbi_ecall(SBI_EXT_RFENCE, 3, hart_mask, base, gpa, size, vmid, 0).error;
}

const char *sbi_impl_name(unsigned long id)
{
	static const char *const names[] = {
		"Berkeley Boot Loader", "OpenSBI", "Xvisor", "KVM", "RustSBI",
		"Diosix", "Coffer", "Xen", "PolarFire HSS",
	};

	return id < sizeof(names) / sizeof(names[0]) ? names[id] : "unknown";
}
