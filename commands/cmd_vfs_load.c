/*
 * "vfs" subcommands that copy files into memory: host_load and
 * host_load_list (host physical memory, identity mapped) and guest_load and
 * guest_load_list (guest physical memory through guest_memory_write(), so
 * ROM regions can be filled too).  A file is streamed through a bounce
 * buffer into a "sink" that knows where the bytes go.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/guest.h>
#include <vmm/host_ram.h>
#include <vmm/loadlist.h>
#include <vmm/vfs.h>
#include "cmd_vfs.h"

#define CHUNK		(64 * 1024)

struct sink {
	struct guest *guest;	/* NULL: host physical memory */
	uint64_t addr;
};

static int sink_write(struct sink *s, uint64_t pos, const void *buf, size_t len)
{
	long n;

	if (!s->guest) {
		if (s->addr + pos < s->addr || !host_ram_contains(s->addr + pos, len))
			return -EFAULT;
		memcpy((void *)(uintptr_t)(s->addr + pos), buf, len);
		return 0;
	}
	n = guest_memory_write(s->guest, s->addr + pos, buf, len);
	if (n < 0)
		return n;
	return (size_t)n == len ? 0 : -EFAULT;
}

/* Copy bytes (0: up to the end) of path from off into the sink. */
static int load_file(const char *path, uint64_t off, uint64_t bytes, struct sink *s,
		     uint64_t *done)
{
	char *buf = malloc(CHUNK);
	struct vfs_file *f = NULL;
	struct vfs_stat st;
	int rc = buf ? vfs_open(path, &f) : -ENOMEM;

	*done = 0;
	if (!rc) {
		vfs_fstat(f, &st);
		if (off > st.size)
			rc = -EINVAL;
		else if (!bytes || bytes > st.size - off)
			bytes = st.size - off;
	}
	while (!rc && *done < bytes) {
		uint64_t want = bytes - *done;
		ssize_t n = vfs_pread(f, off + *done, buf, want > CHUNK ? CHUNK : want);

		if (n <= 0)
			rc = n ? (int)n : -EIO;
		else
			rc = sink_write(s, *done, buf, n);
		if (!rc)
			*done += n;
	}
	vfs_close(f);
	free(buf);
	return rc;
}

static int parse_nums(char **args, int n, unsigned long *out)
{
	for (int i = 0; i < n; i++) {
		if (vmm_cmd_parse_ulong(args[i], &out[i])) {
			printf("Invalid number %s\n", args[i]);
			return -EINVAL;
		}
	}
	return 0;
}

/* argv[first] = address, argv[first + 1] = file, then [<off>] [<bytes>]. */
static int load_one(const char *who, struct guest *g, int argc, char **argv, int first)
{
	unsigned long v[3] = { 0, 0, 0 };	/* addr, off, bytes */
	struct sink s = { g, 0 };
	uint64_t done;
	int rc = parse_nums(argv + first, 1, v);

	if (!rc)
		rc = parse_nums(argv + first + 2, argc - first - 2, v + 1);
	if (rc)
		return rc;
	s.addr = v[0];
	rc = load_file(argv[first + 1], v[1], v[2], &s, &done);
	if (rc)
		printf("%s: Failed to load %s (error %d)\n", who, argv[first + 1], rc);
	else
		printf("%s: Loaded 0x%016lX with %llu bytes\n", who, v[0],
		       (unsigned long long)done);
	return rc;
}

/* Parse the list file, then load each whole file at its address. */
static int load_list(const char *who, struct guest *g, const char *list)
{
	struct loadlist_entry *ents;
	int count, rc;
	size_t len;
	char *buf;

	printf("%s: Parsing %s\n", who, list);
	rc = vfs_read_file(list, LOADLIST_MAX_BYTES - 1, &buf, &len);
	if (!rc) {
		rc = loadlist_parse(list, buf, len, &ents, &count);
		free(buf);
	}
	if (rc) {
		printf("%s: Failed to parse %s (error %d)\n", who, list, rc);
		return rc;
	}
	for (int i = 0; !rc && i < count; i++) {
		struct sink s = { g, ents[i].addr };
		uint64_t done;

		printf("%s: Loading 0x%016llX with file %s\n", who,
		       (unsigned long long)ents[i].addr, ents[i].path);
		rc = load_file(ents[i].path, 0, 0, &s, &done);
		if (rc)
			printf("%s: error %d\n", who, rc);
		else
			printf("%s: Loaded 0x%016llX with %llu bytes\n", who,
			       (unsigned long long)ents[i].addr, (unsigned long long)done);
	}
	free(ents);
	return rc;
}

static struct guest *find_guest(const char *name)
{
	struct guest *g = guest_find(name);

	if (!g)
		printf("Failed to find guest %s\n", name);
	return g;
}

int cmd_vfs_host_load(int argc, char **argv)
{
	return load_one("host", NULL, argc, argv, 2);
}

int cmd_vfs_host_load_list(int argc, char **argv)
{
	(void)argc;
	return load_list("host", NULL, argv[2]);
}

int cmd_vfs_guest_load(int argc, char **argv)
{
	struct guest *g = find_guest(argv[2]);

	return g ? load_one(argv[2], g, argc, argv, 3) : -ENOENT;
}

int cmd_vfs_guest_load_list(int argc, char **argv)
{
	struct guest *g = find_guest(argv[2]);

	(void)argc;
	return g ? load_list(argv[2], g, argv[3]) : -ENOENT;
}
