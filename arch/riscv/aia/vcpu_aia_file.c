/*
 * The registers of a hardware guest interrupt file, moved as a whole
 * (struct imsic_state): a guest file can only be read and written through
 * vsiselect/vsireg on its own hart with hstatus.VGEIN naming it, so each
 * move runs there through smp_call_on(), saving and restoring the hart's
 * hstatus and vsiselect around it (it may interrupt another vCPU's exit).
 * Taking empties the file and clears its hgeie bit; giving ORs eip into
 * what is already pending and replaces the rest.
 */
#include <string.h>
#include <arch/asm.h>
#include <arch/vcpu_aia.h>
#include <vmm/imsic_guest.h>
#include <vmm/smp.h>
#include <vmm/vcpu_aia.h>

#define CSR_VSISELECT		0x250
#define CSR_VSIREG		0x251
#define HSTATUS_VGEIN_MASK	(0x3fUL << HSTATUS_VGEIN_SHIFT)

struct gfile_move {
	unsigned int file;
	struct imsic_state *out;	/* take: the state goes here */
	const struct imsic_state *in;	/* give: from here */
};

static unsigned long swap_reg(unsigned long reg, unsigned long val)
{
	csr_write(CSR_VSISELECT, reg);
	return csr_swap(CSR_VSIREG, val);
}

static void move_here(void *arg)
{
	struct gfile_move *m = arg;
	unsigned long hstatus = csr_read(CSR_HSTATUS);
	unsigned long vsiselect = csr_read(CSR_VSISELECT);
	/* On RV64 only the even eip/eie registers exist, 64 identities each. */
	unsigned int words = imsic_guest_file_ids() / 64 + 1;

	csr_write(CSR_HSTATUS, (hstatus & ~HSTATUS_VGEIN_MASK) |
			       ((unsigned long)m->file << HSTATUS_VGEIN_SHIFT));
	if (m->out) {
		struct imsic_state *s = m->out;

		memset(s, 0, sizeof(*s));
		s->eidelivery = (uint32_t)swap_reg(IMSIC_EIDELIVERY, 0);
		s->eithreshold = (uint32_t)swap_reg(IMSIC_EITHRESHOLD, 0);
		for (unsigned int i = 0; i < words && i < IMSIC_WORDS; i++) {
			s->eie[i] = swap_reg(IMSIC_EIE0 + 2 * i, 0);
			s->eip[i] = swap_reg(IMSIC_EIP0 + 2 * i, 0);
		}
		csr_clear(CSR_HGEIE, 1UL << m->file);
	} else {
		const struct imsic_state *s = m->in;

		for (unsigned int i = 0; i < words && i < IMSIC_WORDS; i++) {
			swap_reg(IMSIC_EIE0 + 2 * i, s->eie[i]);
			csr_write(CSR_VSISELECT, IMSIC_EIP0 + 2 * i);
			csr_set(CSR_VSIREG, s->eip[i]);
		}
		swap_reg(IMSIC_EITHRESHOLD, s->eithreshold);
		swap_reg(IMSIC_EIDELIVERY, s->eidelivery);
	}
	csr_write(CSR_VSISELECT, vsiselect);
	csr_write(CSR_HSTATUS, hstatus);
}

void gfile_take(unsigned int cpu, unsigned int file, struct imsic_state *s)
{
	struct gfile_move m = { .file = file, .out = s };

	smp_call_on(&vmm_cpus[cpu], move_here, &m);
}

void gfile_give(unsigned int cpu, unsigned int file, const struct imsic_state *s)
{
	struct gfile_move m = { .file = file, .in = s };

	smp_call_on(&vmm_cpus[cpu], move_here, &m);
}
