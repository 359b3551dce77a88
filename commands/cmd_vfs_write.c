/*
 * Writing subcommands of "vfs": cp (copy a file, across mounts too, in
 * 64 KiB pieces so any size fits the heap), write (a file holding the
 * remaining words joined by single spaces, no newline; none makes an empty
 * file), truncate (set a file's size) and sync (write every mounted
 * filesystem back).  rm, mkdir, rmdir and mv live in cmd_vfs.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/vfs.h>
#include "cmd_vfs.h"

#define COPY_CHUNK	(64 * 1024)

static int fail(const char *what, const char *path, int rc)
{
	printf("Failed to %s %s: %s (error %d)\n", what, path, strerror(-rc), rc);
	return rc;
}

static int copy_data(struct vfs_file *in, struct vfs_file *out, const char *src,
		     const char *dst, uint64_t *done)
{
	char *buf = malloc(COPY_CHUNK);
	int rc = buf ? 0 : -ENOMEM;

	*done = 0;
	while (!rc) {
		ssize_t n = vfs_pread(in, *done, buf, COPY_CHUNK), w;

		if (n <= 0) {
			rc = n ? fail("read", src, n) : 0;
			break;
		}
		w = vfs_pwrite(out, *done, buf, n);
		if (w != n)
			rc = fail("write", dst, w < 0 ? (int)w : -EIO);
		else
			*done += n;
	}
	free(buf);
	return rc;
}

int cmd_vfs_cp(int argc, char **argv)
{
	struct vfs_file *in, *out;
	struct vfs_stat s, d;
	uint64_t done;
	int rc, rc2;

	(void)argc;
	rc = vfs_open(argv[2], &in);
	if (rc)
		return fail("open", argv[2], rc);
	vfs_fstat(in, &s);
	if (!vfs_stat(argv[3], &d) && d.dev == s.dev && d.ino == s.ino) {
		vfs_close(in);
		printf("%s and %s are the same file\n", argv[2], argv[3]);
		return -EINVAL;
	}
	rc = vfs_open_write(argv[3], true, &out);
	if (rc) {
		vfs_close(in);
		return fail("create", argv[3], rc);
	}
	rc = copy_data(in, out, argv[2], argv[3], &done);
	vfs_close(in);
	rc2 = vfs_close_sync(out);
	if (!rc && rc2)
		rc = fail("sync", argv[3], rc2);
	if (!rc)
		printf("Copied %llu bytes to %s\n", (unsigned long long)done, argv[3]);
	return rc;
}

int cmd_vfs_write(int argc, char **argv)
{
	struct vfs_file *f;
	uint64_t off = 0;
	int rc = vfs_open_write(argv[2], true, &f);

	if (rc)
		return fail("create", argv[2], rc);
	for (int i = 3; i < argc && !rc; i++) {
		size_t n = strlen(argv[i]);
		ssize_t w = vfs_pwrite(f, off, argv[i], n);

		if (w == (ssize_t)n && i + 1 < argc && vfs_pwrite(f, off + n, " ", 1) == 1)
			n++;
		else if (w == (ssize_t)n && i + 1 < argc)
			w = -EIO;
		if (w < 0)
			rc = (int)w;
		off += n;
	}
	if (vfs_close_sync(f) && !rc)
		rc = -EIO;
	return rc ? fail("write", argv[2], rc) : 0;
}

int cmd_vfs_truncate(int argc, char **argv)
{
	unsigned long size;
	int rc;

	(void)argc;
	if (vmm_cmd_parse_ulong(argv[3], &size)) {
		printf("Bad size %s\n", argv[3]);
		return -EINVAL;
	}
	rc = vfs_truncate(argv[2], size);
	return rc ? fail("truncate", argv[2], rc) : 0;
}

int cmd_vfs_sync(int argc, char **argv)
{
	int rc = vfs_sync_all();

	(void)argc;
	(void)argv;
	if (rc)
		printf("Failed to sync (error %d)\n", rc);
	return rc;
}
