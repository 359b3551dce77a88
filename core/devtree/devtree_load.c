/*
 * Loading configuration trees: devtree_fdt_load() unflattens a DTB under
 * any node and applies overrides; devtree_guest_fdt_load() does so under
 * /guests and then builds the guest's vcpus from its vcpu_template.  Each
 * prints its own error lines, and a failure leaves no node behind.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <libfdt.h>
#include "devtree_priv.h"

int devtree_fdt_load(const char *parent_path, const char *name, const void *dtb, size_t len,
		     int novr, char **ovr)
{
	char *path;
	int i, rc;

	rc = devtree_check_blob(dtb, len);
	if (rc) {
		printf("Error: invalid device tree blob (%s)\n", fdt_strerror(rc));
		return -EINVAL;
	}
	if (!devtree_name_ok(name)) {
		printf("Error: invalid node name %s\n", name);
		return -EINVAL;
	}
	path = devtree_join(parent_path, name);
	if (!path)
		return -ENOMEM;
	rc = devtree_graft_blob(parent_path, name, dtb, len);
	if (rc == -EEXIST)
		printf("Devtree path %s already exist.\n", path);
	else if (rc == -ENOENT || rc == -EINVAL)
		printf("Error: node %s not found\n", parent_path);
	else if (rc)
		printf("Error: failed to load %s (%d)\n", path, rc);
	for (i = 0; !rc && i < novr; i++)
		devtree_apply_override(path, ovr[i]);
	free(path);
	return rc;
}

/* Create <gpath>/vcpus/vcpu0..vcpus-1 from <gpath>/vcpu_template. */
static int make_vcpus(const char *gpath, unsigned long vcpus)
{
	char *tmpl = devtree_join(gpath, "vcpu_template");
	char *dir = devtree_join(gpath, "vcpus");
	char *vcpu0 = devtree_join(gpath, "vcpus/vcpu0");
	char name[32];
	unsigned long i;
	int rc = -ENOMEM;

	if (!tmpl || !dir || !vcpu0)
		goto out;
	rc = -EEXIST;
	if (devtree_path_offset(dir) >= 0) {
		printf("Error: %s already exists in the device tree blob\n", dir);
		goto out;
	}
	rc = -ENOENT;
	if (devtree_path_offset(tmpl) < 0) {
		printf("Error: %s not found\n", tmpl);
		goto out;
	}
	rc = devtree_add_node(gpath, "vcpus");
	for (i = 0; !rc && i < vcpus; i++) {
		snprintf(name, sizeof(name), "vcpu%lu", i);
		rc = devtree_copy_node(tmpl, dir, name);
	}
	if (rc) {
		printf("Error: failed to create %s (%d)\n", dir, rc);
		goto out;
	}
	rc = devtree_del_prop(vcpu0, "poweroff");
	if (rc == -ENOENT)
		rc = 0;
out:
	free(vcpu0);
	free(tmpl);
	free(dir);
	return rc;
}

int devtree_guest_fdt_load(const char *guest, const void *dtb, size_t len, unsigned long vcpus,
			   int novr, char **ovr)
{
	char *gpath;
	int rc;

	if (vcpus < 1 || vcpus > DEVTREE_MAX_VCPUS) {
		printf("Error: vcpu_count must be 1 to %d\n", DEVTREE_MAX_VCPUS);
		return -EINVAL;
	}
	rc = devtree_add_node("/", DEVTREE_GUESTS_NAME);
	if (rc && rc != -EEXIST)
		return rc;
	gpath = devtree_join(DEVTREE_GUESTS_PATH, guest);
	if (!gpath)
		return -ENOMEM;
	rc = devtree_fdt_load(DEVTREE_GUESTS_PATH, guest, dtb, len, novr, ovr);
	if (!rc) {
		rc = make_vcpus(gpath, vcpus);
		if (rc)
			devtree_del_node(gpath);
	}
	free(gpath);
	return rc;
}
