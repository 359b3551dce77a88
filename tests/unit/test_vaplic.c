/*
 * Unit tests of the vAPLIC emulator (riscv,aplic, MSI mode), driven
 * through its registers and the guest irq-chip hook, with the MSIs it
 * sends recorded by a fake vcpu_aia_send_msi(): domaincfg, a level source
 * sent once per assertion, setipnum_le re-arming only while the line is
 * high (the QEMU 7.2 loop), edge sources, enables, targets of two vCPUs,
 * genmsi, bounds, reset.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/vcpu_aia.h>
#include "unit.h"

#define DOMAINCFG	0x0000
#define SOURCECFG(s)	(0x0004 + 4 * ((s) - 1))
#define SETIP		0x1c00
#define IN_CLRIP	0x1d00
#define SETIENUM	0x1edc
#define CLRIENUM	0x1fdc
#define SETIPNUM_LE	0x2000
#define GENMSI		0x3000
#define TARGET(s)	(0x3004 + 4 * ((s) - 1))
#define SM_EDGE1	4
#define SM_LEVEL1	6
#define IE		(1U << 8)

static char vcpu_mem[2];
#define VCPU(k) ((struct vcpu *)&vcpu_mem[k])
static struct guest guest;
static struct guest_region region = { .name = "aplic", .node_path = "/guests/g/aspace/aplic" };
static unsigned int msis, last_eiid;
static struct vcpu *last_vcpu;

int devtree_path_offset(const char *path)
{
	(void)path;
	return 1;
}

int devtree_read_u32(int node, const char *name, uint32_t *out)
{
	(void)node;
	(void)name;
	(void)out;
	return -ENOENT;
}

int guest_irqchip_register(struct guest *g, const struct guest_irqchip_ops *ops, void *priv)
{
	if (g->irqchip)
		return -EBUSY;
	g->irqchip = ops;
	g->irqchip_priv = priv;
	return 0;
}

void vcpu_aia_send_msi(struct vcpu *v, unsigned int eiid)
{
	msis++;
	last_vcpu = v;
	last_eiid = eiid;
}

struct vcpu *vcpu_find(struct guest *g, unsigned long hartid)
{
	return hartid < g->nvcpus && !g->dying ? g->vcpus[hartid] : NULL;
}

static uint32_t rd(void *p, uint64_t off)
{
	uint64_t v = ~0ULL;

	CHECK_EQ(emulator_match("riscv,aplic")->read(p, off, 4, &v), 0);
	return (uint32_t)v;
}

static void wr(void *p, uint64_t off, uint32_t val)
{
	CHECK_EQ(emulator_match("riscv,aplic")->write(p, off, 4, val), 0);
}

static void line(unsigned int irq, bool level)
{
	guest.irqchip->set_level(guest.irqchip_priv, irq, level);
}

static void *probe(void)
{
	void *p = NULL;

	memset(&guest, 0, sizeof(guest));
	guest.nvcpus = 2;
	guest.vcpus[0] = VCPU(0);
	guest.vcpus[1] = VCPU(1);
	msis = 0;
	last_vcpu = NULL;
	CHECK_EQ(emulator_match("riscv,aplic")->probe(&guest, &region, &p), 0);
	CHECK(guest.irqchip != NULL);
	return p;
}

/* Source s level-high, targeted at vCPU hart with eiid, enabled, domain on. */
static void setup(void *p, unsigned int s, unsigned int hart, unsigned int eiid)
{
	wr(p, SOURCECFG(s), SM_LEVEL1);
	wr(p, TARGET(s), hart << 18 | eiid);
	wr(p, SETIENUM, s);
	wr(p, DOMAINCFG, IE);
}

UNIT_TEST(vaplic_domaincfg_msi_only)
{
	void *p = probe();

	CHECK_EQ(rd(p, DOMAINCFG), 0x80000004U);
	wr(p, DOMAINCFG, IE | 1);
	CHECK_EQ(rd(p, DOMAINCFG), 0x80000104U);
	CHECK_EQ(emulator_match("riscv,aplic")->read(p, 2, 4, &(uint64_t){ 0 }), -EINVAL);
	emulator_match("riscv,aplic")->remove(p);
	CHECK(guest.irqchip == NULL);
}

UNIT_TEST(vaplic_level_source_one_msi_per_assertion)
{
	void *p = probe();

	setup(p, 10, 1, 10);
	CHECK_EQ(msis, 0);
	line(10, true);
	CHECK_EQ(msis, 1);
	CHECK(last_vcpu == VCPU(1));
	CHECK_EQ(last_eiid, 10);
	CHECK_EQ(rd(p, IN_CLRIP), 1U << 10);
	CHECK_EQ(rd(p, SETIP), 0);
	line(10, true);
	CHECK_EQ(msis, 1);
	/* Linux's re-arm while the line is still high: one more MSI. */
	wr(p, SETIPNUM_LE, 10);
	CHECK_EQ(msis, 2);
	/* ... and none once it is low (QEMU 7.2 would send one, forever). */
	line(10, false);
	wr(p, SETIPNUM_LE, 10);
	CHECK_EQ(msis, 2);
	CHECK_EQ(rd(p, IN_CLRIP), 0);
	line(10, true);
	CHECK_EQ(msis, 3);
	emulator_match("riscv,aplic")->remove(p);
}

UNIT_TEST(vaplic_enable_and_domain_gate_delivery)
{
	void *p = probe();

	wr(p, SOURCECFG(3), SM_LEVEL1);
	wr(p, TARGET(3), 0 << 18 | 33);
	line(3, true);
	CHECK_EQ(rd(p, SETIP), 1U << 3);
	wr(p, SETIENUM, 3);
	CHECK_EQ(msis, 0);
	wr(p, DOMAINCFG, IE);
	CHECK_EQ(msis, 1);
	CHECK(last_vcpu == VCPU(0));
	CHECK_EQ(last_eiid, 33);
	wr(p, CLRIENUM, 3);
	line(3, false);
	line(3, true);
	CHECK_EQ(msis, 1);
	CHECK_EQ(rd(p, SETIP), 1U << 3);
	emulator_match("riscv,aplic")->remove(p);
}

UNIT_TEST(vaplic_edge_and_inactive_sources)
{
	void *p = probe();

	wr(p, SOURCECFG(5), SM_EDGE1);
	wr(p, TARGET(5), 1 << 18 | 5);
	wr(p, SETIENUM, 5);
	wr(p, DOMAINCFG, IE);
	line(5, true);
	CHECK_EQ(msis, 1);
	wr(p, SETIPNUM_LE, 5);	/* edge sources can be set by software */
	CHECK_EQ(msis, 2);
	line(7, true);		/* inactive source: nothing */
	wr(p, SETIPNUM_LE, 7);
	CHECK_EQ(msis, 2);
	wr(p, SOURCECFG(5), 1U << 10 | SM_EDGE1);	/* D without children: off */
	CHECK_EQ(rd(p, SOURCECFG(5)), 0);
	line(40, true);		/* beyond num_sources */
	wr(p, TARGET(40), 5);
	CHECK_EQ(rd(p, TARGET(40)), 0);
	emulator_match("riscv,aplic")->remove(p);
}

UNIT_TEST(vaplic_targets_genmsi_reset)
{
	void *p = probe();

	setup(p, 2, 5, 2);	/* no vCPU 5: dropped */
	line(2, true);
	CHECK_EQ(msis, 0);
	wr(p, TARGET(2), 1 << 18 | 1 << 12 | 2);	/* guest index 1: dropped */
	CHECK_EQ(rd(p, TARGET(2)), 1U << 18 | 1U << 12 | 2);
	wr(p, GENMSI, 1 << 18 | 44);
	CHECK_EQ(msis, 1);
	CHECK(last_vcpu == VCPU(1));
	CHECK_EQ(last_eiid, 44);
	emulator_match("riscv,aplic")->reset(p);
	CHECK_EQ(rd(p, DOMAINCFG), 0x80000004U);
	CHECK_EQ(rd(p, SOURCECFG(2)), 0);
	CHECK_EQ(rd(p, TARGET(2)), 0);
	emulator_match("riscv,aplic")->remove(p);
}

UNIT_MAIN();
