/*
 * SBI client: the hypervisor's calls down to the firmware (OpenSBI) in
 * M-mode.  sbi_init() probes the spec version and the extensions the host
 * uses; the sbi_has_* flags tell what the firmware offers.
 */
#ifndef ARCH_SBI_H
#define ARCH_SBI_H

#include <stdbool.h>
#include <stdint.h>

#define SBI_EXT_BASE		0x10
#define SBI_EXT_TIME		0x54494d45
#define SBI_EXT_IPI		0x735049
#define SBI_EXT_RFENCE		0x52464e43
#define SBI_EXT_HSM		0x48534d
#define SBI_EXT_SRST		0x53525354
#define SBI_EXT_DBCN		0x4442434e

#define SBI_SUCCESS		0
#define SBI_ERR_FAILED		-1
#define SBI_ERR_NOT_SUPPORTED	-2
#define SBI_ERR_INVALID_PARAM	-3
#define SBI_ERR_DENIED		-4
#define SBI_ERR_INVALID_ADDRESS	-5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED	-7
#define SBI_ERR_ALREADY_STOPPED	-8
#define SBI_ERR_NO_SHMEM	-9

struct sbiret {
	long error;
	long value;
};

struct sbi_info {
	unsigned long spec_version;
	unsigned long impl_id;
	unsigned long impl_version;
	bool has_time, has_ipi, has_rfence, has_hsm, has_srst, has_dbcn;
};

extern struct sbi_info sbi_info;

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2, unsigned long a3,
			unsigned long a4, unsigned long a5);

void sbi_init(void);
void sbi_early_putc(char c);
void sbi_set_timer(uint64_t deadline);
int sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);
int sbi_hart_start(unsigned long hartid, unsigned long addr, unsigned long opaque);
void sbi_system_reset(unsigned long type, unsigned long reason) __attribute__((noreturn));
int sbi_remote_hfence_gvma_vmid(unsigned long hart_mask, unsigned long base,
				unsigned long gpa, unsigned long size, unsigned long vmid);
const char *sbi_impl_name(unsigned long id);

#endif
