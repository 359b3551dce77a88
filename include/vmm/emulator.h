/*
 * Guest device emulators.  An emulator is one file that declares itself
 * with VMM_EMULATOR and is matched to a virtual region of a guest
 * by the region node's `compatible` (or, when it has none, `device_type`).
 * probe() reads its configuration from the region's device-tree node
 * (region->node_path, via vmm/devtree.h) and returns its private state;
 * read()/write() serve guest accesses of 1, 2, 4 or 8 bytes at an offset
 * inside the region (the value is little endian, zero-extended); reset()
 * returns the device to its power-on state (guest reset); remove() frees
 * everything.  A read or write returning an error makes the vCPU take the
 * matching access fault.  Emulators run on the faulting vCPU's hart and
 * must lock their own state (several vCPUs may access at once).
 */
#ifndef VMM_EMULATOR_H
#define VMM_EMULATOR_H

#include <stdint.h>
#include <vmm/table.h>

struct guest;
struct guest_region;

struct emulator {
	const char *name;
	const char *const *compatible;	/* NULL terminated */
	int (*probe)(struct guest *g, struct guest_region *r, void **priv);
	int (*read)(void *priv, uint64_t offset, unsigned int width, uint64_t *val);
	int (*write)(void *priv, uint64_t offset, unsigned int width, uint64_t val);
	void (*reset)(void *priv);
	void (*remove)(void *priv);
};

#define VMM_EMULATOR(var) static const struct emulator var VMM_TABLE_ENTRY(vmm_emulators)

const struct emulator *emulator_match(const char *compatible);

#endif
