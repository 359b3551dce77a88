/*
 * Virtual IMSIC (`riscv,imsics`): one 4 KiB interrupt-file page per vCPU,
 * vCPU k's at the region base + k * 4 KiB (so a guest sees hart-index k
 * and no guest-index bits).  Each page is backed by a hardware guest
 * interrupt file of the host hart the vCPU runs on (vmm/vcpu_aia.h): the
 * page is mapped in the G-stage and the guest's AIA CSRs reach the file
 * through hstatus.VGEIN, so nothing of it is emulated here; only accesses
 * beyond the last vCPU's page trap (reads 0, writes ignored).  Without
 * host guest files (QEMU: `-M virt,aia=aplic-imsic,aia-guests=N`) the
 * guest is refused with one message: there is no emulated IMSIC yet.
 * Config: `num_ids` (optional) must not exceed the host files' identities.
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

#define FILE_SIZE	0x1000

struct vimsic {
	struct guest *guest;
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
	(void)priv;
	(void)off;
	(void)width;
	(void)val;
	return 0;
}

static void vimsic_remove(void *priv)
{
	free(priv);
}

static int vimsic_probe(struct guest *g, struct guest_region *r, void **priv)
{
	int node = devtree_path_offset(r->node_path);
	struct vimsic *m;
	uint32_t ids;

	if (!imsic_guest_files()) {
		printf("Error: %s: the host IMSIC has no guest interrupt files (QEMU: -M "
		       "virt,aia=aplic-imsic,aia-guests=N); an AIA guest needs one per vCPU\n",
		       r->node_path);
		return -ENODEV;
	}
	if (r->size < (uint64_t)g->nvcpus * FILE_SIZE) {
		printf("Error: %s: %u vCPUs need physical_size >= 0x%x\n", r->node_path, g->nvcpus,
		       g->nvcpus * FILE_SIZE);
		return -EINVAL;
	}
	if (!devtree_read_u32(node, "num_ids", &ids) && ids > imsic_guest_file_ids()) {
		printf("Error: %s: num_ids %u exceeds the host guest files' %u\n", r->node_path, ids,
		       imsic_guest_file_ids());
		return -EINVAL;
	}
	for (unsigned int k = 0; k < g->nvcpus; k++) {
		int rc = vcpu_aia_attach(g->vcpus[k], r->gpa + (uint64_t)k * FILE_SIZE);

		if (rc) {
			printf("Error: %s: no guest interrupt file for %s (%s)\n", r->node_path,
			       g->vcpus[k]->name, rc == -ENOSPC ? "all of its hart's files are in use" :
			       "cannot map it");
			return rc;
		}
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->guest = g;
	*priv = m;
	return 0;
}

static const char *const vimsic_compat[] = { "riscv,imsics", NULL };
VMM_DECLARE_EMULATOR(vimsic_emulator, "vimsic", vimsic_compat, vimsic_probe, vimsic_read,
		     vimsic_write, NULL, vimsic_remove);
