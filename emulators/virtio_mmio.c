/*
 * virtio-mmio transport (`virtio,mmio`).  Until a device back-end exists
 * for a region's `virtio_type`, the region answers as an empty slot:
 * the magic value and version are readable and the device ID is 0, which
 * guests take as "no device here" and probe past.  Writes are ignored.
 */
#include <errno.h>
#include <stdlib.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>

#define VIRTIO_MMIO_MAGIC	0x74726976	/* "virt" */
#define VIRTIO_MMIO_VENDOR	0x52535658	/* "XVSR" */
#define REG_MAGIC		0x000
#define REG_VERSION		0x004
#define REG_DEVICE_ID		0x008
#define REG_VENDOR_ID		0x00c

struct virtio_slot {
	uint32_t virtio_type;
};

static int slot_read(void *priv, uint64_t off, unsigned int width, uint64_t *val)
{
	(void)priv;
	if (width != 4 && off < 0x100)
		return -EINVAL;
	switch (off) {
	case REG_MAGIC:
		*val = VIRTIO_MMIO_MAGIC;
		break;
	case REG_VERSION:
		*val = 1;
		break;
	case REG_VENDOR_ID:
		*val = VIRTIO_MMIO_VENDOR;
		break;
	default:
		*val = 0;	/* device ID 0: empty slot */
		break;
	}
	return 0;
}

static int slot_write(void *priv, uint64_t off, unsigned int width, uint64_t val)
{
	(void)priv;
	(void)off;
	(void)val;
	return width == 4 || off >= 0x100 ? 0 : -EINVAL;
}

static void slot_remove(void *priv)
{
	free(priv);
}

static int slot_probe(struct guest *g, struct guest_region *r, void **priv)
{
	struct virtio_slot *s = calloc(1, sizeof(*s));

	(void)g;
	if (!s)
		return -ENOMEM;
	devtree_path_read_u32(r->node_path, "virtio_type", &s->virtio_type);
	*priv = s;
	return 0;
}

static const char *const virtio_compat[] = { "virtio,mmio", NULL };
VMM_DECLARE_EMULATOR(virtio_mmio_emulator, "virtio-mmio", virtio_compat, slot_probe, slot_read,
		     slot_write, NULL, slot_remove);
