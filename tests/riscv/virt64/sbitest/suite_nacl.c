/*
 * NACL (SBI 2.0 chapter 15), the `nacl` command, for a vCPU with the H
 * extension (sbitest-nested.dts): the features offered, set_shmem argument
 * checks, NO_SHMEM before a shared memory is set and after it is disabled,
 * a CSR written through the shared memory (dirty bit) reaching the
 * emulated hypervisor CSR, a CSR written directly showing up in the
 * shared memory after a sync of all CSRs, an invalid CSR number, and a
 * pending hfence entry marked done by sync_hfence.
 */
#include <stdio.h>
#include <string.h>

#include "sbitest.h"

#define NACL_SHMEM_SIZE		(0x1000 + 1024 * 8)
#define NACL_HFENCE_OFF		0x800
#define NACL_DBITMAP_OFF	0xf80
#define NACL_CSR_OFF		0x1000
#define CSR_HTVAL		0x643
#define CSR_HCOUNTEREN		0x606
#define CSR_SSTATUS_NUM		0x100
#define HFENCE_PENDING		(1UL << 63)
#define HFENCE_GVMA_ALL		(1UL << 56)
#define ALL			(~0UL)
#define SBI_ERR_NO_SHMEM	(-9)

static uint8_t shmem[NACL_SHMEM_SIZE] __attribute__((aligned(4096)));

static struct sbiret nacl(unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2)
{
	return sbi_call(SBI_EXT_NACL, fid, a0, a1, a2, 0);
}

static unsigned int index_of(unsigned int csr)
{
	return ((csr & 0xc00) >> 2) | (csr & 0xff);
}

static volatile uint64_t *csr_slot(unsigned int csr)
{
	return (volatile uint64_t *)(shmem + NACL_CSR_OFF) + index_of(csr);
}

static bool dirty(unsigned int csr)
{
	unsigned int i = index_of(csr);

	return (((volatile uint8_t *)shmem)[NACL_DBITMAP_OFF + i / 8] >> (i % 8)) & 1;
}

static void nacl_csr_checks(void)
{
	volatile uint64_t *hfence = (volatile uint64_t *)(shmem + NACL_HFENCE_OFF);

	*csr_slot(CSR_HTVAL) = 0x1234;
	shmem[NACL_DBITMAP_OFF + index_of(CSR_HTVAL) / 8] |= 1U << (index_of(CSR_HTVAL) % 8);
	check_err("nacl.sync_csr.one", nacl(2, CSR_HTVAL, 0, 0), SBI_SUCCESS);
	check_eq("nacl.sync_csr.one.written", csr_read(0x643), 0x1234);
	check_eq("nacl.sync_csr.one.clean", dirty(CSR_HTVAL), 0);
	csr_write(0x606, 5);	/* hcounteren, directly (trapped, emulated) */
	check_err("nacl.sync_csr.all", nacl(2, ALL, 0, 0), SBI_SUCCESS);
	check_eq("nacl.sync_csr.all.read_back", *csr_slot(CSR_HCOUNTEREN), 5);
	check_err("nacl.sync_csr.not_h_csr", nacl(2, CSR_SSTATUS_NUM, 0, 0), SBI_ERR_INVALID_PARAM);
	hfence[0] = HFENCE_PENDING | HFENCE_GVMA_ALL;
	check_err("nacl.sync_hfence.all", nacl(3, ALL, 0, 0), SBI_SUCCESS);
	check_eq("nacl.sync_hfence.done", (hfence[0] & HFENCE_PENDING) != 0, 0);
	check_err("nacl.sync_hfence.bad_entry", nacl(3, 60, 0, 0), SBI_ERR_INVALID_PARAM);
}

void nacl_run(void)
{
	unsigned long a = (unsigned long)shmem;

	memset(shmem, 0, sizeof(shmem));
	check_ret("nacl.probe", sbi_call(SBI_EXT_BASE, 3, SBI_EXT_NACL, 0, 0, 0), SBI_SUCCESS, 1);
	check_ret("nacl.feature.sync_csr", nacl(0, 0, 0, 0), SBI_SUCCESS, 1);
	check_ret("nacl.feature.sync_hfence", nacl(0, 1, 0, 0), SBI_SUCCESS, 1);
	check_ret("nacl.feature.sync_sret", nacl(0, 2, 0, 0), SBI_SUCCESS, 0);
	check_ret("nacl.feature.autoswap_csr", nacl(0, 3, 0, 0), SBI_SUCCESS, 0);
	check_ret("nacl.feature.unknown", nacl(0, 99, 0, 0), SBI_SUCCESS, 0);
	check_err("nacl.sync_csr.no_shmem", nacl(2, ALL, 0, 0), SBI_ERR_NO_SHMEM);
	check_err("nacl.sync_hfence.no_shmem", nacl(3, ALL, 0, 0), SBI_ERR_NO_SHMEM);
	check_err("nacl.set_shmem.flags", nacl(1, a, 0, 1), SBI_ERR_INVALID_PARAM);
	check_err("nacl.set_shmem.misaligned", nacl(1, a + 8, 0, 0), SBI_ERR_INVALID_PARAM);
	check_err("nacl.set_shmem.hi", nacl(1, a, 1, 0), SBI_ERR_INVALID_ADDRESS);
	check_err("nacl.set_shmem.unmapped", nacl(1, UNMAPPED_GPA, 0, 0), SBI_ERR_INVALID_ADDRESS);
	check_err("nacl.set_shmem", nacl(1, a, 0, 0), SBI_SUCCESS);
	nacl_csr_checks();
	check_err("nacl.sync_sret", nacl(4, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	check_err("nacl.set_shmem.disable", nacl(1, ALL, ALL, 0), SBI_SUCCESS);
	check_err("nacl.sync_csr.disabled", nacl(2, ALL, 0, 0), SBI_ERR_NO_SHMEM);
}
