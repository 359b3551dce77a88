/*
 * Building a guest from its configuration node /guests/<name>: one region
 * per aspace child (host-backed RAM/ROM, shared memory, or a virtual
 * region bound to an emulator) and one vCPU per vcpus child.  Every
 * missing or mistyped property is reported with the node and property
 * names; the caller undoes a partial build.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>
#include <vmm/guest_internal.h>
#include <vmm/page.h>
#include <vmm/shmem.h>

#define cfg_error(path, fmt, ...) printf("Error: %s: " fmt "\n", path, ##__VA_ARGS__)

static int read_u64_req(int node, const char *path, const char *prop, uint64_t *out)
{
	int rc = devtree_read_u64(node, prop, out);

	if (rc)
		cfg_error(path, "%s property '%s'", rc == -ENOENT ? "missing" : "malformed", prop);
	return rc;
}

static int region_backing(struct guest_region *r, int node, const char *dtype)
{
	uint32_t align = 12;

	devtree_read_u32(node, "align_order", &align);
	if (!strcmp(dtype, "alloced_ram") || !strcmp(dtype, "alloced_rom") ||
	    !strcmp(dtype, "colored_ram") || !strcmp(dtype, "colored_rom")) {
		int rc = region_alloc_chunks(r, align);
		struct page_stats st;

		if (rc) {
			region_free_backing(r);
			page_get_stats(&st);
			cfg_error(r->node_path, "cannot allocate %llu KiB of guest memory "
				  "(%llu KiB free)", (unsigned long long)(r->size >> 10),
				  (unsigned long long)st.free_pages * (PAGE_SIZE >> 10));
		}
		return rc;
	}
	if (!strcmp(dtype, "ram") || !strcmp(dtype, "rom")) {
		uint64_t hpa;

		if (read_u64_req(node, r->node_path, "host_physical_addr", &hpa))
			return -EINVAL;
		return region_set_backing(r, hpa);
	}
	if (!strcmp(dtype, "shared_ram") || !strcmp(dtype, "shared_rom")) {
		const char *name = devtree_read_string(node, "shared_mem");

		r->shm = name && *name ? shmem_find(name) : NULL;
		if (!r->shm) {
			cfg_error(r->node_path, "shared memory '%s' (property shared_mem) not found",
				  name ? name : "");
			return -ENOENT;
		}
		if (shmem_size(r->shm) < r->size) {
			cfg_error(r->node_path, "shared memory '%s' is smaller than the region",
				  name);
			return -EINVAL;
		}
		return region_set_backing(r, shmem_phys(r->shm));
	}
	cfg_error(r->node_path, "unsupported device_type '%s' for a real region", dtype);
	return -EINVAL;
}

static int region_emulator(struct guest_region *r, int node, const char *dtype)
{
	int len;
	const char *compat = devtree_read_prop(node, "compatible", &len);

	for (int pos = 0; compat && pos < len; pos += strlen(compat + pos) + 1) {
		r->emu = emulator_match(compat + pos);
		if (r->emu)
			return 0;
	}
	r->emu = emulator_match(dtype);
	if (r->emu)
		return 0;
	cfg_error(r->node_path, "no emulator for compatible '%s' (device_type '%s')",
		  compat ? compat : "", dtype);
	return -ENODEV;
}

static int parse_region(struct guest *g, int node, struct guest_region *r)
{
	const char *manifest = devtree_read_string(node, "manifest_type");
	const char *dtype = devtree_read_string(node, "device_type");
	const char *name = devtree_node_name(node);

	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->node_path, sizeof(r->node_path), "%s/aspace/%s", g->node_path, name);
	if (!manifest || !dtype) {
		cfg_error(r->node_path, "missing property '%s'",
			  !manifest ? "manifest_type" : "device_type");
		return -EINVAL;
	}
	if (read_u64_req(node, r->node_path, "guest_physical_addr", &r->gpa) ||
	    read_u64_req(node, r->node_path, "physical_size", &r->size))
		return -EINVAL;
	if (!r->size || (r->gpa | r->size) & 0xfff) {
		cfg_error(r->node_path, "physical_size 0x%llx / guest_physical_addr 0x%llx must be "
			  "non-zero multiples of 4 KiB", (unsigned long long)r->size,
			  (unsigned long long)r->gpa);
		return -EINVAL;
	}
	if (r->gpa + r->size < r->gpa || ((r->gpa + r->size - 1) >> arch_guest_gpa_bits())) {
		cfg_error(r->node_path, "guest_physical_addr 0x%llx + physical_size 0x%llx ends "
			  "beyond the %u-bit guest physical address space",
			  (unsigned long long)r->gpa, (unsigned long long)r->size,
			  arch_guest_gpa_bits());
		return -EINVAL;
	}
	if (!strcmp(manifest, "real")) {
		r->kind = strstr(dtype, "rom") ? REGION_ROM : REGION_RAM;
		return region_backing(r, node, dtype);
	}
	if (!strcmp(manifest, "virtual")) {
		r->kind = REGION_VIRTUAL;
		r->is_pic = !strcmp(dtype, "pic");
		return region_emulator(r, node, dtype);
	}
	cfg_error(r->node_path, "unsupported manifest_type '%s'", manifest);
	return -EINVAL;
}

static int cmp_region(const void *a, const void *b)
{
	const struct guest_region *x = a, *y = b;

	return x->gpa < y->gpa ? -1 : x->gpa > y->gpa;
}

int guest_config_emulators(struct guest *g)
{
	/* Probe in aspace order, so ports are created in configuration order. */
	for (unsigned int i = 0; i < g->nregions; i++) {
		for (unsigned int j = 0; j < g->nregions; j++) {
			struct guest_region *r = &g->regions[j];
			int rc;

			if (r->order != i || r->kind != REGION_VIRTUAL)
				continue;
			rc = r->emu->probe(g, r, &r->emu_priv);
			if (rc) {
				cfg_error(r->node_path, "emulator %s failed (error %d)", r->emu->name,
					  rc);
				return rc;
			}
		}
	}
	return 0;
}

int guest_config_regions(struct guest *g)
{
	char path[96];
	int aspace, node, rc = 0;
	uint32_t irqs = 0;

	snprintf(path, sizeof(path), "%s/aspace", g->node_path);
	aspace = devtree_path_offset(path);
	if (aspace < 0) {
		cfg_error(g->node_path, "missing node 'aspace'");
		return -EINVAL;
	}
	devtree_read_u32(aspace, "guest_irq_count", &irqs);
	g->irq_count = irqs;
	devtree_for_each_child(node, aspace) {
		if (g->nregions == GUEST_MAX_REGIONS) {
			cfg_error(path, "more than %d regions", GUEST_MAX_REGIONS);
			rc = -E2BIG;
			break;
		}
		g->regions[g->nregions].order = g->nregions;
		rc = parse_region(g, node, &g->regions[g->nregions]);
		g->nregions++;
		if (rc)
			break;
	}
	if (!rc) {
		qsort(g->regions, g->nregions, sizeof(g->regions[0]), cmp_region);
		for (unsigned int i = 1; i < g->nregions && !rc; i++)
			if (g->regions[i].gpa - g->regions[i - 1].gpa < g->regions[i - 1].size) {
				cfg_error(g->regions[i].node_path, "overlaps region %s",
					  g->regions[i - 1].name);
				rc = -EINVAL;
			}
	}
	for (unsigned int i = 0; i < g->nregions && !rc; i++)
		if (g->regions[i].kind != REGION_VIRTUAL)
			rc = arch_guest_map_region(g, &g->regions[i]);
	return rc;
}

void guest_remove_emulators(struct guest *g)
{
	/* Interrupt controllers (device_type "pic") last: the devices
	 * removed before them may still raise a line until they are gone. */
	for (int pics = 0; pics < 2; pics++)
		for (unsigned int i = 0; i < g->nregions; i++) {
			struct guest_region *r = &g->regions[i];

			if (r->is_pic != pics || !r->emu_priv)
				continue;
			if (r->emu->remove)
				r->emu->remove(r->emu_priv);
			r->emu_priv = NULL;
		}
}

void guest_release_regions(struct guest *g)
{
	guest_remove_emulators(g);
	for (unsigned int i = 0; i < g->nregions; i++)
		region_free_backing(&g->regions[i]);
	g->nregions = 0;
}

int guest_config_vcpus(struct guest *g)
{
	char path[96];
	int vcpus, node;

	snprintf(path, sizeof(path), "%s/vcpus", g->node_path);
	vcpus = devtree_path_offset(path);
	if (vcpus < 0) {
		cfg_error(g->node_path, "missing node 'vcpus' (load the guest with vfs guest_fdt_load)");
		return -EINVAL;
	}
	devtree_for_each_child(node, vcpus) {
		char vpath[128];
		struct vcpu *v;

		if (g->nvcpus == GUEST_MAX_VCPUS) {
			cfg_error(path, "more than %d vCPUs", GUEST_MAX_VCPUS);
			return -E2BIG;
		}
		snprintf(vpath, sizeof(vpath), "%s/%s", path, devtree_node_name(node));
		v = vcpu_create(g, g->nvcpus, vpath);
		if (!v)
			return -EINVAL;
		g->vcpus[g->nvcpus++] = v;
		vcpus = devtree_path_offset(path);
		node = devtree_path_offset(vpath);
	}
	if (!g->nvcpus) {
		cfg_error(path, "no vCPUs");
		return -EINVAL;
	}
	return 0;
}
