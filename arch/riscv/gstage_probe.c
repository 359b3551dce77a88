/*
 * Probing of the G-stage translation modes and VMID width: hgatp is WARL,
 * so writing a mode the hart lacks leaves MODE unchanged, and writing all
 * ones to VMID reads back the implemented bits.
 */
#include <arch/asm.h>
#include <arch/gstage.h>

unsigned long gstage_mode;
unsigned int gstage_levels;
unsigned int vmid_bits;

void gstage_probe(void)
{
	static const struct {
		unsigned long mode;
		unsigned int levels;
	} modes[] = { { 10, 5 }, { 9, 4 }, { 8, 3 } };
	unsigned long v;

	for (unsigned int i = 0; i < 3; i++) {
		csr_write(CSR_HGATP, modes[i].mode << HGATP_MODE_SHIFT);
		if ((csr_read(CSR_HGATP) >> HGATP_MODE_SHIFT) == modes[i].mode) {
			gstage_mode = modes[i].mode;
			gstage_levels = modes[i].levels;
			break;
		}
	}
	csr_write(CSR_HGATP, (gstage_mode << HGATP_MODE_SHIFT) |
				     (HGATP_VMID_MASK << HGATP_VMID_SHIFT));
	v = (csr_read(CSR_HGATP) >> HGATP_VMID_SHIFT) & HGATP_VMID_MASK;
	for (vmid_bits = 0; v & 1; v >>= 1)
		vmid_bits++;
	csr_write(CSR_HGATP, 0);
	__asm__ __volatile__(".insn r 0x73, 0, 0x31, x0, x0, x0" : : : "memory"); /* hfence.gvma */
}

const char *gstage_mode_name(void)
{
	switch (gstage_mode) {
	case 10:
		return "Sv57x4";
	case 9:
		return "Sv48x4";
	case 8:
		return "Sv39x4";
	default:
		return "none";
	}
}

unsigned int gstage_gpa_bits(void)
{
	return 12 + 9 * gstage_levels + 2;
}
