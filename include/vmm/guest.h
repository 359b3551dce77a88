/*
 * Guests and their address spaces.  A guest is built by guest_create()
 * from its configuration node /guests/<name> in the live device tree:
 * vCPUs from the children of vcpus, regions from those of aspace.  Its guest-physical address
 * space is a sorted array of regions: host-backed RAM/ROM (mapped in the
 * G-stage) and virtual regions, never mapped, whose every access traps to
 * the region's emulator.  Guest interrupt lines (0..guest_irq_count-1)
 * are routed to the guest's interrupt-controller emulator, if it has one.
 *
 * Locking: the guest list is protected by a global lock; a guest's
 * regions are fixed between create and destroy, so lookups need no lock.
 *
 * Teardown is two-phase: first every vCPU is stopped and made unreachable
 * (vcpu_find() returns NULL, SRST requests are ignored), then the emulators
 * are removed (devices that raise interrupts before the interrupt
 * controllers), and only then are vCPUs and memory freed.
 */
#ifndef VMM_GUEST_H
#define VMM_GUEST_H

#include <stdbool.h>
#include <stdint.h>
#include <vmm/list.h>
#include <vmm/spinlock.h>

#define GUEST_MAX		16
#define GUEST_MAX_VCPUS		64
#define GUEST_NAME_MAX		32
#define GUEST_MAX_REGIONS	64

struct vcpu;
struct emulator;
struct shmem;
struct region_chunk;

enum region_kind {
	REGION_RAM,		/* host memory, RWX */
	REGION_ROM,		/* host memory, R-X to the guest */
	REGION_VIRTUAL,		/* emulated: every access traps */
};

struct guest_region {
	char name[32];		/* aspace child node name, e.g. uart0 */
	unsigned int order;	/* position among the aspace children */
	char node_path[128];	/* /guests/<g>/aspace/<name> */
	enum region_kind kind;
	uint64_t gpa;
	uint64_t size;
	uint64_t hpa;		/* RAM/ROM: host physical address */
	bool owned;		/* RAM/ROM allocated by us (freed on destroy) */
	struct shmem *shm;	/* shared_ram/shared_rom backing */
	const struct emulator *emu;	/* virtual regions */
	bool is_pic;		/* an interrupt controller (removed last) */
	void *emu_priv;
	struct region_chunk *chunks;	/* RAM/ROM backing, by offset */
	unsigned int nchunks;
};

/* Interrupt controller emulators (vPLIC...) register these per guest. */
struct guest_irqchip_ops {
	void (*set_level)(void *priv, unsigned int irq, bool level);
};

struct guest {
	char name[GUEST_NAME_MAX];
	char node_path[64];	/* /guests/<name> */
	unsigned int id;
	bool little_endian;
	unsigned int irq_count;
	unsigned int nvcpus;
	struct vcpu *vcpus[GUEST_MAX_VCPUS];
	unsigned int nregions;
	struct guest_region regions[GUEST_MAX_REGIONS];
	const struct guest_irqchip_ops *irqchip;
	void *irqchip_priv;
	void *arch;		/* G-stage tables, VMID (arch/riscv/gstage.c) */
	uint64_t time_base;	/* host ticks at creation: guest time 0 */
	bool dying;		/* destroy started: vcpu_find() finds nothing */
	struct list_head node;
};

/* Life cycle (each prints "<g>: Created" etc. on success, or the reason
 * and "<g>: Failed to <op>" on failure, like Xvisor). */
int guest_create(const char *name);
int guest_destroy(const char *name);
int guest_kick(struct guest *g);
int guest_pause(struct guest *g);
int guest_resume(struct guest *g);
int guest_halt(struct guest *g);
int guest_reset(struct guest *g);
/* Reset a guest from one of its own vCPUs (SBI SRST); restart = reboot. */
void guest_request_reset(struct guest *g, bool restart);

struct guest *guest_find(const char *name);
/* Walks under the registry lock: fn must not block (vmm/registry.h). */
void guest_for_each(void (*fn)(struct guest *g, void *arg), void *arg);

/* The vCPU of g with that hart id; NULL if none or g is being destroyed. */
struct vcpu *vcpu_find(struct guest *g, unsigned long hartid);

/* Region lookup by guest physical address (binary search), or NULL. */
struct guest_region *guest_region_find(struct guest *g, uint64_t gpa);

/* Copy between the hypervisor and guest memory (RAM/ROM regions only;
 * ROM is writable this way).  Returns bytes copied or a negative errno. */
long guest_memory_write(struct guest *g, uint64_t gpa, const void *buf, uint64_t len);
long guest_memory_read(struct guest *g, uint64_t gpa, void *buf, uint64_t len);

/* Drive guest interrupt line irq (level-triggered semantics). */
void guest_irq_set(struct guest *g, unsigned int irq, bool level);
int guest_irqchip_register(struct guest *g, const struct guest_irqchip_ops *ops, void *priv);

/* Console output of a guest's SBI calls: the guest's first vserial. */
void guest_console_write(struct guest *g, const char *buf, unsigned long len);

#endif
