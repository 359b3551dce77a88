/*
 * "vfs" subcommands that read files: ls (one line per entry with mode,
 * size and modification time, then "total N"), cat (text up to the first
 * non-printable byte), md5 and sha256 digests, and run (an xscript).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <vmm/md5.h>
#include <vmm/sha256.h>
#include <vmm/vfs.h>
#include <vmm/xscript.h>
#include "cmd_vfs.h"

#define CHUNK		4096
#define RUN_MAX		(1024 * 1024)

static const char *const months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static void mode_string(uint32_t mode, char s[11])
{
	static const char rwx[] = "rwxrwxrwx";

	s[0] = VFS_ISDIR(mode) ? 'd' : VFS_ISLNK(mode) ? 'l' : VFS_ISREG(mode) ? '-' : '?';
	for (int i = 0; i < 9; i++)
		s[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
	s[10] = '\0';
}

static int ls_entry(void *arg, const char *name, const struct vfs_stat *st)
{
	time_t t = (time_t)st->mtime;
	int *total = arg;
	struct tm tm;
	char mode[11];

	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	mode_string(st->mode, mode);
	printf("%s %10llu %s %02d %04d %02d:%02d:%02d %s%s\n", mode,
	       (unsigned long long)st->size, months[tm.tm_mon % 12], tm.tm_mday,
	       tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, name,
	       VFS_ISDIR(st->mode) ? "/" : "");
	(*total)++;
	return 0;
}

int cmd_vfs_ls(int argc, char **argv)
{
	int total = 0, rc;

	(void)argc;
	rc = vfs_readdir(argv[2], ls_entry, &total);
	if (rc) {
		printf("Failed to list %s (error %d)\n", argv[2], rc);
		return rc;
	}
	printf("total %d\n", total);
	return 0;
}

static int open_or_complain(const char *path, struct vfs_file **f)
{
	int rc = vfs_open(path, f);

	if (rc)
		printf("Failed to open %s (error %d)\n", path, rc);
	return rc;
}

static int printable(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t';
}

int cmd_vfs_cat(int argc, char **argv)
{
	unsigned char *buf = malloc(CHUNK);
	struct vfs_file *f = NULL;
	uint64_t off = 0;
	int rc = buf ? open_or_complain(argv[2], &f) : -ENOMEM;
	char last = '\n';

	(void)argc;
	while (!rc) {
		ssize_t n = vfs_read(f, buf, CHUNK), i;

		if (n <= 0) {
			rc = n;
			break;
		}
		for (i = 0; i < n && printable(buf[i]); i++)
			;
		if (i)
			printf("%.*s", (int)i, (char *)buf);
		if (i)
			last = buf[i - 1];
		if (i < n) {
			printf("%sFound non-printable char %d at offset %llu\n",
			       last == '\n' ? "" : "\n", buf[i],
			       (unsigned long long)(off + i));
			break;
		}
		off += n;
	}
	if (rc && f)
		printf("Failed to read %s (error %d)\n", argv[2], rc);
	vfs_close(f);
	free(buf);
	return rc;
}

/* Feed the whole file at path to update(ctx, ...). */
static int digest_file(const char *path, void (*update)(void *, const void *, size_t),
		       void *ctx)
{
	unsigned char *buf = malloc(CHUNK);
	struct vfs_file *f = NULL;
	int rc = buf ? open_or_complain(path, &f) : -ENOMEM;

	while (!rc) {
		ssize_t n = vfs_read(f, buf, CHUNK);

		if (n <= 0) {
			rc = n;
			break;
		}
		update(ctx, buf, n);
	}
	if (rc && f)
		printf("Failed to read %s (error %d)\n", path, rc);
	vfs_close(f);
	free(buf);
	return rc;
}

static void print_digest(const char *label, const uint8_t *d, int n)
{
	printf("%s Digest: ", label);
	for (int i = 0; i < n; i++)
		printf("%02x", d[i]);
	printf("\n");
}

static void md5_feed(void *ctx, const void *p, size_t n)
{
	md5_update(ctx, p, n);
}

static void sha256_feed(void *ctx, const void *p, size_t n)
{
	sha256_update(ctx, p, n);
}

int cmd_vfs_md5(int argc, char **argv)
{
	uint8_t d[MD5_DIGEST_SIZE];
	struct md5_ctx ctx;
	int rc;

	(void)argc;
	md5_init(&ctx);
	rc = digest_file(argv[2], md5_feed, &ctx);
	if (!rc) {
		md5_final(&ctx, d);
		print_digest("MD5", d, sizeof(d));
	}
	return rc;
}

int cmd_vfs_sha256(int argc, char **argv)
{
	uint8_t d[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;
	int rc;

	(void)argc;
	sha256_init(&ctx);
	rc = digest_file(argv[2], sha256_feed, &ctx);
	if (!rc) {
		sha256_final(&ctx, d);
		print_digest("SHA-256", d, sizeof(d));
	}
	return rc;
}

int cmd_vfs_run(int argc, char **argv)
{
	size_t len;
	char *buf;
	int rc;

	(void)argc;
	rc = vfs_read_file(argv[2], RUN_MAX, &buf, &len);
	if (rc) {
		printf("Failed to read %s (error %d)\n", argv[2], rc);
		return rc;
	}
	rc = xscript_run(argv[2], buf, len);
	free(buf);
	return rc;
}
