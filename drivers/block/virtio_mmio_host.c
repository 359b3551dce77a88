/*
 * Host-side virtio-mmio transport (see virtio_mmio_host.h): registers,
 * negotiation and queue 0 for the host's own virtio drivers.  One chain is
 * in flight at a time, always built from descriptor 0 on, so the free list
 * is trivial and completion is "used index moved".
 */
#include <errno.h>
#include <string.h>
#include <vmm/page.h>
#include "virtio_mmio_host.h"

#define R_MAGIC		0x000
#define R_VERSION	0x004
#define R_DEVICE_ID	0x008
#define R_DEV_FEAT	0x010
#define R_DEV_FEAT_SEL	0x014
#define R_DRV_FEAT	0x020
#define R_DRV_FEAT_SEL	0x024
#define R_PAGE_SIZE	0x028	/* legacy */
#define R_QUEUE_SEL	0x030
#define R_QUEUE_MAX	0x034
#define R_QUEUE_NUM	0x038
#define R_QUEUE_ALIGN	0x03c	/* legacy */
#define R_QUEUE_PFN	0x040	/* legacy */
#define R_QUEUE_READY	0x044
#define R_NOTIFY	0x050
#define R_IRQ_STATUS	0x060
#define R_IRQ_ACK	0x064
#define R_STATUS	0x070
#define R_DESC_LO	0x080
#define R_AVAIL_LO	0x090
#define R_USED_LO	0x0a0
#define R_CONFIG	0x100

#define MAGIC		0x74726976	/* "virt" */
#define ST_ACK		1
#define ST_DRIVER	2
#define ST_DRIVER_OK	4
#define ST_FEATURES_OK	8
#define ST_FAILED	128
#define F_VERSION_1	(1ull << 32)
#define RING_PAGES_ORDER 1	/* two pages: desc + avail, then used */
#define PAGE		4096u

static uint32_t rd(struct vmh_dev *v, uint32_t off)
{
	return *(volatile uint32_t *)(v->base + off);
}

static void wr(struct vmh_dev *v, uint32_t off, uint32_t val)
{
	*(volatile uint32_t *)(v->base + off) = val;
}

static void wr64(struct vmh_dev *v, uint32_t off, uint64_t val)
{
	wr(v, off, (uint32_t)val);
	wr(v, off + 4, (uint32_t)(val >> 32));
}

int vmh_probe(struct vmh_dev *vmh, uint64_t base)
{
	memset(vmh, 0, sizeof(*vmh));
	vmh->base = (volatile uint8_t *)(uintptr_t)base;
	if (rd(vmh, R_MAGIC) != MAGIC)
		return -ENODEV;
	vmh->version = rd(vmh, R_VERSION);
	if (vmh->version != 1 && vmh->version != 2)
		return -ENODEV;
	vmh->device_id = rd(vmh, R_DEVICE_ID);
	return 0;
}

static uint64_t dev_features(struct vmh_dev *v)
{
	uint64_t f;

	wr(v, R_DEV_FEAT_SEL, 1);
	f = (uint64_t)rd(v, R_DEV_FEAT) << 32;
	wr(v, R_DEV_FEAT_SEL, 0);
	return f | rd(v, R_DEV_FEAT);
}

static int setup_queue(struct vmh_dev *v)
{
	uint8_t *mem;

	wr(v, R_QUEUE_SEL, 0);
	if (rd(v, R_QUEUE_MAX) < VMH_QUEUE_SIZE)
		return -EIO;
	mem = page_zalloc(RING_PAGES_ORDER);
	if (!mem)
		return -ENOMEM;
	v->ring_mem = mem;
	v->desc = (struct vmh_desc *)mem;
	v->avail = (volatile uint16_t *)(mem + VMH_QUEUE_SIZE * sizeof(struct vmh_desc));
	v->used = (volatile uint16_t *)(mem + PAGE);
	wr(v, R_QUEUE_NUM, VMH_QUEUE_SIZE);
	if (v->version == 1) {
		wr(v, R_PAGE_SIZE, PAGE);
		wr(v, R_QUEUE_ALIGN, PAGE);
		wr(v, R_QUEUE_PFN, (uint32_t)((uintptr_t)mem / PAGE));
	} else {
		wr64(v, R_DESC_LO, (uintptr_t)v->desc);
		wr64(v, R_AVAIL_LO, (uintptr_t)v->avail);
		wr64(v, R_USED_LO, (uintptr_t)v->used);
		wr(v, R_QUEUE_READY, 1);
	}
	return 0;
}

int vmh_start(struct vmh_dev *vmh, uint64_t wanted)
{
	uint64_t feat;
	int rc;

	wr(vmh, R_STATUS, 0);
	wr(vmh, R_STATUS, ST_ACK);
	wr(vmh, R_STATUS, ST_ACK | ST_DRIVER);
	if (vmh->version == 2)
		wanted |= F_VERSION_1;
	feat = dev_features(vmh) & wanted;
	if (vmh->version == 2 && !(feat & F_VERSION_1))
		return -EIO;
	wr(vmh, R_DRV_FEAT_SEL, 1);
	wr(vmh, R_DRV_FEAT, (uint32_t)(feat >> 32));
	wr(vmh, R_DRV_FEAT_SEL, 0);
	wr(vmh, R_DRV_FEAT, (uint32_t)feat);
	vmh->features = feat;
	if (vmh->version == 2) {
		wr(vmh, R_STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK);
		if (!(rd(vmh, R_STATUS) & ST_FEATURES_OK))
			return -EIO;
	}
	rc = setup_queue(vmh);
	if (rc)
		return rc;
	wr(vmh, R_STATUS, rd(vmh, R_STATUS) | ST_DRIVER_OK);
	return 0;
}

void vmh_stop(struct vmh_dev *vmh)
{
	wr(vmh, R_STATUS, ST_FAILED);
	wr(vmh, R_STATUS, 0);
	if (vmh->ring_mem)
		page_free(vmh->ring_mem, RING_PAGES_ORDER);
	vmh->ring_mem = NULL;
}

uint64_t vmh_config(struct vmh_dev *vmh, uint32_t off, unsigned int width)
{
	volatile uint8_t *p = vmh->base + R_CONFIG + off;

	switch (width) {
	case 1:
		return *p;
	case 2:
		return *(volatile uint16_t *)p;
	case 4:
		return *(volatile uint32_t *)p;
	default:
		return *(volatile uint32_t *)p |
		       (uint64_t)*(volatile uint32_t *)(p + 4) << 32;
	}
}

void vmh_submit(struct vmh_dev *vmh, unsigned int n)
{
	for (unsigned int i = 0; i + 1 < n; i++) {
		vmh->desc[i].flags |= 1;	/* NEXT */
		vmh->desc[i].next = i + 1;
	}
	vmh->avail[2 + vmh->avail_idx % VMH_QUEUE_SIZE] = 0;
	__sync_synchronize();
	vmh->avail_idx++;
	vmh->avail[1] = vmh->avail_idx;
	__sync_synchronize();
	wr(vmh, R_NOTIFY, 0);
}

bool vmh_done(struct vmh_dev *vmh)
{
	__sync_synchronize();
	if (vmh->used[1] == vmh->used_seen)
		return false;
	vmh->used_seen = vmh->used[1];
	return true;
}

uint32_t vmh_irq_ack(struct vmh_dev *vmh)
{
	uint32_t st = rd(vmh, R_IRQ_STATUS);

	wr(vmh, R_IRQ_ACK, st);
	return st;
}
