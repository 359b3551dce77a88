/*
 * Virtual IMSIC (`riscv,imsics`): one 4 KiB interrupt-file page per vCPU,
 * vCPU k's at the region base + k * 4 KiB (so a guest sees hart-index k
 * and no guest-index bits).  Each vCPU gets an emulated file
 * (imsic_file.c) and is attached to the vCPU layer (vmm/vcpu_aia.h), which
 * backs it with a hardware guest interrupt file of its hart when one is
 * free (the page is then mapped in the G-stage and nothing traps here) and
 * uses the emulated one otherwise.  Writes to a page that is not mapped
 * (emulated backing, or beyond the last vCPU) trap here: seteipnum_le
 * (offset 0) and seteipnum_be (4) make the identity pending in that
 * vCPU's file, whatever backs it; reads give 0.  Needs a host with an
 * S-level IMSIC (QEMU: -M virt,aia=aplic-imsic), whose harts have the AIA
 * CSRs the guest's traps come from.  Config: `num_ids` (1..2047, default
 * 63; with hardware files no more than they have).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/imsic_guest.h>
#include <vmm/vcpu.h>
#include <vmm/vcpu_aia.h>
#include "imsic_file.h"

#define FILE_SIZE	0x1000
#define SETEIPNUM_LE	0x0
#define SETEIPNUM_BE	0x4
#define DEFAULT_IDS	63
#define IRQ_VSEIP	10

struct vimsic {
	struct guest *guest;
	unsigned int nfiles;
	struct imsic_file *files[];
};

static int vimsic_read(void *priv, uint64_t off, unsigned int width, uint64_t *val)
{
	(void)priv;
	(void)off;
	(void)width;
	*val = 0;
	return 0;
}

static int vimsic_write(void *priv, uint64_t off, unsigned int width, uint64_t val)
{
	struct vimsic *m = priv;
	uint64_t k = off / FILE_SIZE;

	struct vcpu *v = vcpu_find(m->guest, k);

	if (width != 4 || !v)
		return 0;
	if (off % FILE_SIZE == SETEIPNUM_LE)
		vcpu_aia_send_msi(v, (uint32_t)val);
	else if (off % FILE_SIZE == SETEIPNUM_BE)
		vcpu_aia_send_msi(v, __builtin_bswap32((uint32_t)val));
	return 0;
}

static void signal_vseip(void *ctx, bool level)
{
	if (level)
		vcpu_irq_assert(ctx, IRQ_VSEIP);
	else
		vcpu_irq_deassert(ctx, IRQ_VSEIP);
}

static void vimsic_remove(void *priv)
{
	struct vimsic *m = priv;

	for (unsigned int k = 0; k < m->nfiles; k++)
		imsic_file_destroy(m->files[k]);
	free(m);
}

static void report(struct vcpu *v)
{
	unsigned int cpu, file = vcpu_aia_gfile(v, &cpu);

	if (file)
		printf("INFO: %s: IMSIC on guest interrupt file %u of hart %u\n", v->name, file,
		       cpu);
	else
		printf("INFO: %s: IMSIC emulated (no free guest interrupt file)\n", v->name);
}

static int attach_all(struct vimsic *m, struct guest_region *r, unsigned int ids)
{
	for (unsigned int k = 0; k < m->guest->nvcpus; k++) {
		struct vcpu *v = m->guest->vcpus[k];
		int rc;

		m->files[k] = imsic_file_create(ids, signal_vseip, v);
		if (!m->files[k])
			return -ENOMEM;
		m->nfiles = k + 1;
		rc = vcpu_aia_attach(v, r->gpa + (uint64_t)k * FILE_SIZE, &imsic_file_ops,
				     m->files[k]);
		if (rc) {
			printf("Error: %s: cannot give %s an interrupt file (%d)\n", r->node_path,
			       v->name, rc);
			return rc;
		}
		report(v);
	}
	return 0;
}

static int vimsic_probe(struct guest *g, struct guest_region *r, void **priv)
{
	int node = devtree_path_offset(r->node_path);
	uint32_t ids = DEFAULT_IDS;
	struct vimsic *m;
	int rc;

	if (!imsic_host_present()) {
		printf("Error: %s: an AIA guest needs a host with an IMSIC (QEMU: -M "
		       "virt,aia=aplic-imsic)\n", r->node_path);
		return -ENODEV;
	}
	if (r->size < (uint64_t)g->nvcpus * FILE_SIZE) {
		printf("Error: %s: %u vCPUs need physical_size >= 0x%x\n", r->node_path, g->nvcpus,
		       g->nvcpus * FILE_SIZE);
		return -EINVAL;
	}
	devtree_read_u32(node, "num_ids", &ids);
	if (!ids || ids > IMSIC_MAX_IDS ||
	    (imsic_guest_files() && ids > imsic_guest_file_ids())) {
		printf("Error: %s: num_ids %u: must be 1..%u\n", r->node_path, ids,
		       imsic_guest_files() ? imsic_guest_file_ids() : IMSIC_MAX_IDS);
		return -EINVAL;
	}
	m = calloc(1, sizeof(*m) + g->nvcpus * sizeof(m->files[0]));
	if (!m)
		return -ENOMEM;
	m->guest = g;
	rc = attach_all(m, r, ids);
	if (rc) {
		vimsic_remove(m);
		return rc;
	}
	*priv = m;
	return 0;
}

static const char *const vimsic_compat[] = { "riscv,imsics", NULL };
VMM_EMULATOR(vimsic_emulator) = {
	.name = "vimsic",
	.compatible = vimsic_compat,
	.probe = vimsic_probe,
	.read = vimsic_read,
	.write = vimsic_write,
	.reset = NULL,
	.remove = vimsic_remove,
};
