/*
 * Host page tables.  The hypervisor keeps an identity map of the low
 * physical address space (devices and RAM on every board we run on) made
 * of 1 GiB leaf entries, so that physical addresses are pointers.  The
 * root and the intermediate tables for Sv48/Sv57 are static, so the map
 * exists before the page allocator does.  Leaves are global, RWX, and
 * pre-set A/D so no hardware A/D update is ever needed.
 */
#include <stdbool.h>
#include <string.h>
#include <arch/asm.h>
#include <arch/mmu.h>
#include <arch/pte.h>

#define GIB	(1UL << 30)

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t level3[512] __attribute__((aligned(4096)));
static uint64_t level2[512] __attribute__((aligned(4096)));
static unsigned long satp_value;
static uint64_t mapped_limit;

static uint64_t table_pte(const uint64_t *table)
{
	return (((uint64_t)table >> 12) << 10) | PTE_V;
}

static void fill_gigapages(uint64_t *table, uint64_t limit)
{
	for (uint64_t i = 0; i < 512 && i * GIB < limit; i++)
		table[i] = ((i * GIB) >> 2) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_G | PTE_A | PTE_D;
}

static bool try_mode(unsigned long mode)
{
	unsigned long v = (mode << SATP_MODE_SHIFT) | ((uint64_t)root >> 12);

	memset(root, 0, sizeof(root));
	memset(level3, 0, sizeof(level3));
	memset(level2, 0, sizeof(level2));
	switch (mode) {
	case SATP_MODE_SV57:
		root[0] = table_pte(level3);
		level3[0] = table_pte(level2);
		fill_gigapages(level2, mapped_limit);
		break;
	case SATP_MODE_SV48:
		root[0] = table_pte(level2);
		fill_gigapages(level2, mapped_limit);
		break;
	default:
		/* Sv39: the root's lower half maps the positive 256 GiB. */
		fill_gigapages(root, mapped_limit < 256 * GIB ? mapped_limit : 256 * GIB);
		break;
	}
	__asm__ __volatile__("sfence.vma" : : : "memory");
	csr_write(CSR_SATP, v);
	if (csr_read(CSR_SATP) != v)
		return false;
	__asm__ __volatile__("sfence.vma" : : : "memory");
	satp_value = v;
	return true;
}

unsigned long mmu_init(uint64_t limit)
{
	static const unsigned long modes[] = { SATP_MODE_SV57, SATP_MODE_SV48, SATP_MODE_SV39 };

	mapped_limit = limit > 512 * GIB ? 512 * GIB : limit;
	for (unsigned int i = 0; i < 3; i++)
		if (try_mode(modes[i]))
			return modes[i];
	return 0;
}

void mmu_enable_cpu(void)
{
	csr_write(CSR_SATP, satp_value);
	__asm__ __volatile__("sfence.vma" : : : "memory");
}

const char *mmu_mode_name(void)
{
	switch (satp_value >> SATP_MODE_SHIFT) {
	case SATP_MODE_SV57:
		return "Sv57";
	case SATP_MODE_SV48:
		return "Sv48";
	case SATP_MODE_SV39:
		return "Sv39";
	default:
		return "Bare";
	}
}

uint64_t mmu_mapped_limit(void)
{
	return mapped_limit;
}
