/*
 * The guest manager: the list of guests and their life cycle (create,
 * destroy, kick, pause, resume, halt, reset), with Xvisor's messages
 * ("<g>: Created", "<g>: Failed to create", ...).  A failed create undoes
 * everything it did, so nothing is left half-built.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>
#include <vmm/registry.h>
#include <vmm/emulator.h>
#include <vmm/thread.h>
#include <vmm/timer.h>
#include <vmm/vserial.h>

/* How long a destroy waits for the vCPUs of the guest to stop: 10 s. */
#define GUEST_STOP_POLL_NS	100000
#define GUEST_STOP_POLLS	100000

static REGISTRY(guests);
static unsigned long guest_ids;

static bool name_matches(const struct list_head *node, const void *name)
{
	return !strcmp(list_entry(node, struct guest, node)->name, name);
}

struct guest *guest_find(const char *name)
{
	struct list_head *node = registry_find(&guests, name_matches, name);

	return node ? list_entry(node, struct guest, node) : NULL;
}

REGISTRY_DEFINE_FOR_EACH(guest_for_each, guests, struct guest, node)

static int alloc_id(void)
{
	for (unsigned int i = 0; i < GUEST_MAX; i++)
		if (!(guest_ids & (1UL << i))) {
			guest_ids |= 1UL << i;
			return i;
		}
	return -1;
}

/*
 * Phase one of a teardown: from now on no lookup (SBI IPI, HSM, interrupt
 * controller delivery, SRST) finds a vCPU of g, and this returns once
 * every vCPU thread has ended and left its hart, so nothing of g runs.
 * False if one never ends.
 */
static bool guest_stop_vcpus(struct guest *g)
{
	__atomic_store_n(&g->dying, true, __ATOMIC_SEQ_CST);
	for (unsigned int poll = 0; poll < GUEST_STOP_POLLS; poll++) {
		bool all = true;

		for (unsigned int i = 0; i < g->nvcpus; i++)
			all &= vcpu_stop(g->vcpus[i]);
		if (all)
			return true;
		thread_sleep_ns(GUEST_STOP_POLL_NS);
	}
	for (unsigned int i = 0; i < g->nvcpus; i++)
		if (!vcpu_stop(g->vcpus[i]))
			printf("Error: %s did not stop\n", g->vcpus[i]->name);
	return false;
}

/* Two-phase teardown: stop everything, then free.  False (and the guest
 * is kept, unreachable, with its memory) if a vCPU never stopped. */
static bool guest_free(struct guest *g)
{
	if (!guest_stop_vcpus(g)) {
		printf("Error: %s: kept in memory, a vCPU may still use it\n", g->name);
		return false;
	}
	guest_remove_emulators(g);
	for (unsigned int i = 0; i < g->nvcpus; i++)
		vcpu_destroy(g->vcpus[i]);
	g->nvcpus = 0;
	guest_release_regions(g);
	arch_guest_deinit(g);
	guest_ids &= ~(1UL << g->id);
	free(g);
	return true;
}

static int check_config(const char *name, struct guest *g)
{
	const char *type, *endian;
	int node;

	snprintf(g->node_path, sizeof(g->node_path), "%s/%s", DEVTREE_GUESTS_PATH, name);
	node = devtree_path_offset(g->node_path);
	if (node < 0) {
		printf("Error: guest configuration %s not found (load it with vfs "
		       "guest_fdt_load)\n", g->node_path);
		return -ENOENT;
	}
	type = devtree_read_string(node, "device_type");
	if (!type || strcmp(type, "guest")) {
		printf("Error: %s: property 'device_type' must be \"guest\"\n", g->node_path);
		return -EINVAL;
	}
	endian = devtree_read_string(node, "endianness");
	if (endian && strcmp(endian, "little")) {
		printf("Error: %s: endianness '%s' is not supported\n", g->node_path, endian);
		return -EINVAL;
	}
	g->little_endian = true;
	return 0;
}

int guest_create(const char *name)
{
	struct guest *g;
	int rc, id;

	if (strlen(name) >= GUEST_NAME_MAX || guest_find(name)) {
		printf("Error: guest %s %s\n", name,
		       guest_find(name) ? "already exists" : "has too long a name");
		rc = -EEXIST;
		goto out;
	}
	id = alloc_id();
	if (id < 0) {
		printf("Error: at most %d guests\n", GUEST_MAX);
		rc = -ENOSPC;
		goto out;
	}
	g = calloc(1, sizeof(*g));
	if (!g) {
		guest_ids &= ~(1UL << id);
		rc = -ENOMEM;
		goto out;
	}
	g->id = id;
	snprintf(g->name, sizeof(g->name), "%s", name);
	g->time_base = timer_ticks();
	rc = check_config(name, g);
	if (!rc)
		rc = arch_guest_init(g);
	if (!rc)
		rc = guest_config_regions(g);
	if (!rc)
		rc = guest_config_vcpus(g);
	if (!rc)
		rc = guest_config_emulators(g);
	if (!rc)
		rc = registry_add(&guests, &g->node, name_matches, g->name);
	if (rc)
		guest_free(g);
out:
	printf(rc ? "%s: Failed to create\n" : "%s: Created\n", name);
	return rc;
}

int guest_destroy(const char *name)
{
	struct guest *g = guest_find(name);

	if (!g) {
		printf("Error: no guest named %s\n%s: Failed to destroy\n", name, name);
		return -ENOENT;
	}
	registry_del(&guests, &g->node);
	if (!guest_free(g)) {
		printf("%s: Failed to destroy\n", name);
		return -EBUSY;
	}
	printf("%s: Destroyed\n", name);
	return 0;
}

int guest_kick(struct guest *g)
{
	for (unsigned int i = 0; i < g->nvcpus; i++)
		if (!g->vcpus[i]->poweroff && g->vcpus[i]->state == VCPU_RESET)
			vcpu_reset_and_start(g->vcpus[i], true);
	return 0;
}

int guest_pause(struct guest *g)
{
	for (unsigned int i = 0; i < g->nvcpus; i++)
		vcpu_pause(g->vcpus[i]);
	return 0;
}

int guest_resume(struct guest *g)
{
	for (unsigned int i = 0; i < g->nvcpus; i++)
		vcpu_resume(g->vcpus[i]);
	return 0;
}

int guest_halt(struct guest *g)
{
	for (unsigned int i = 0; i < g->nvcpus; i++)
		vcpu_halt(g->vcpus[i], NULL);
	return 0;
}

int guest_reset(struct guest *g)
{
	for (unsigned int i = 0; i < g->nvcpus; i++)
		vcpu_reset_and_start(g->vcpus[i], false);
	for (unsigned int i = 0; i < g->nregions; i++) {
		struct guest_region *r = &g->regions[i];

		if (r->emu && r->emu->reset && r->emu_priv)
			r->emu->reset(r->emu_priv);
	}
	return 0;
}

void guest_request_reset(struct guest *g, bool restart)
{
	if (__atomic_load_n(&g->dying, __ATOMIC_ACQUIRE))
		return;
	guest_reset(g);
	if (restart)
		guest_kick(g);
}

void guest_irq_set(struct guest *g, unsigned int irq, bool level)
{
	if (g->irqchip)
		g->irqchip->set_level(g->irqchip_priv, irq, level);
}

int guest_irqchip_register(struct guest *g, const struct guest_irqchip_ops *ops, void *priv)
{
	if (g->irqchip)
		return -EBUSY;
	g->irqchip = ops;
	g->irqchip_priv = priv;
	return 0;
}

void guest_console_write(struct guest *g, const char *buf, unsigned long len)
{
	struct vserial *vs = vserial_find_for_guest(g->name);

	if (vs)
		vserial_send(vs, buf, len);
}
