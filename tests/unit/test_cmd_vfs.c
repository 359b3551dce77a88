/*
 * The blockdev, rbd and vfs commands run through the shell executor over
 * the genext2fs test image: mount messages, ls/cat/md5 output, xscript
 * runs, writing (mkdir, write, cp, truncate, mv, rm, rmdir) and a cpio's
 * read-only refusals, host_load, and the arguments handed to the
 * device-tree loaders (replaced here by recording fakes; blockdev_wait
 * does not sleep here), and guest loads into a fake guest "g0" whose
 * memory is a 4 KiB buffer at guest physical address 0.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/blockdev.h>
#include <vmm/cmd.h>
#include <vmm/devtree.h>
#include <vmm/guest.h>
#include <vmm/rbd.h>
#include "capture.h"
#include "unit.h"

extern const char ext2_data_dir[];

static struct {
	char guest[32], parent[32], name[32], ovr0[64];
	size_t len;
	unsigned long vcpus;
	int novr;
} fake;

int devtree_guest_fdt_load(const char *guest, const void *dtb, size_t len,
			   unsigned long vcpus, int novr, char **ovr)
{
	(void)dtb;
	snprintf(fake.guest, sizeof(fake.guest), "%s", guest);
	snprintf(fake.ovr0, sizeof(fake.ovr0), "%s", novr ? ovr[0] : "");
	fake.len = len;
	fake.vcpus = vcpus;
	fake.novr = novr;
	return 0;
}

int devtree_fdt_load(const char *parent_path, const char *name, const void *dtb,
		     size_t len, int novr, char **ovr)
{
	(void)dtb;
	snprintf(fake.parent, sizeof(fake.parent), "%s", parent_path);
	snprintf(fake.name, sizeof(fake.name), "%s", name);
	snprintf(fake.ovr0, sizeof(fake.ovr0), "%s", novr ? ovr[0] : "");
	fake.len = len;
	fake.novr = novr;
	return 0;
}

struct blockdev *blockdev_wait(const char *name, unsigned long secs)
{
	(void)secs;
	return blockdev_find(name);
}

static struct guest fake_guest;
static uint8_t guest_mem[4096];

struct guest *guest_find(const char *name)
{
	return strcmp(name, "g0") ? NULL : &fake_guest;
}

long guest_memory_write(struct guest *g, uint64_t gpa, const void *buf, uint64_t len)
{
	if (g != &fake_guest || gpa > sizeof(guest_mem) || len > sizeof(guest_mem) - gpa)
		return -EFAULT;
	memcpy(guest_mem + gpa, buf, len);
	return len;
}

static int rc_of_last;

/* Run one shell line and return what it printed. */
static const char *run(const char *line)
{
	char buf[VMM_CMD_LINE_MAX];

	snprintf(buf, sizeof(buf), "%s", line);
	capture_begin();
	rc_of_last = vmm_cmd_exec_line(buf);
	return capture_end();
}

static uint8_t *image;

/* Register the image as "img" and mount it at / (once; the harness does not
 * promise an order of the tests). */
static void setup(void)
{
	char path[512], line[] = "vfs mount img /";
	FILE *f;
	long n;

	if (image)
		return;
	snprintf(path, sizeof(path), "%s/gen1k.img", ext2_data_dir);
	f = fopen(path, "rb");
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	image = malloc(n);
	if (image && fread(image, 1, n, f) == (size_t)n)
		rbd_create("img", (uintptr_t)image, n);
	fclose(f);
	capture_begin();
	vmm_cmd_exec_line(line);
	capture_end();
}

UNIT_TEST(mount_prints_try_order)
{
	setup();
	CHECK(image);
	CHECK(strstr(run("vfs mount nodev / 0"), "Block device nodev not found\n"));
	CHECK_EQ(rc_of_last, -ENODEV);
	CHECK_STR(run("vfs umount /"), "Unmounted /\n");
	CHECK_STR(run("vfs mount img /"), "Trying: cpio ext4\nMounted img using ext4 at /\n");
	CHECK_EQ(rc_of_last, 0);
	CHECK(strstr(run("vfs mplist"), " /                                img              ext4\n"));
}

UNIT_TEST(ls_format)
{
	setup();
	const char *out = run("vfs ls /a/b");

	CHECK_EQ(rc_of_last, 0);
	CHECK(strstr(out, "drwxr-xr-x       1024 Sep 09 2001 01:46:40 c/\n"));
	CHECK(strstr(out, "\ntotal 3\n"));
	out = run("vfs ls /a/b/c");
	CHECK(strstr(out, "-rw-r--r--         10 Sep 09 2001 01:46:40 deep.txt\n"));
	CHECK(strstr(out, "lrwxrwxrwx         18 Sep 09 2001 01:46:40 up\n"));
	run("vfs ls /hello.txt");
	CHECK_EQ(rc_of_last, -ENOTDIR);
}

UNIT_TEST(cat_and_digests)
{
	setup();
	CHECK_STR(run("vfs cat /hello.txt"), "Hello, ext2!\n");
	CHECK_STR(run("vfs cat /big.bin"), "Found non-printable char 0 at offset 0\n");
	CHECK(strstr(run("vfs cat /sparse.bin"),
		      "island 0\nFound non-printable char 0 at offset 144\n"));
	CHECK_STR(run("vfs md5 /hello.txt"), "MD5 Digest: 6ba60e2443efcdd8f828ba67600991d3\n");
	CHECK(!strncmp(run("vfs sha256 /empty"),
		       "SHA-256 Digest: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
		       100));
	run("vfs cat /nope");
	CHECK_EQ(rc_of_last, -ENOENT);
}

UNIT_TEST(run_and_write)
{
	setup();
	CHECK_STR(run("vfs run /script.xscript"), "hello from script\n");
	CHECK_EQ(rc_of_last, 0);
	/* the ext2 image is writable: work in a scratch directory, removed
	 * at the end so that the other tests see the image unchanged */
	CHECK_STR(run("vfs mkdir /scratch"), "");
	CHECK_EQ(rc_of_last, 0);
	CHECK_STR(run("vfs write /scratch/f hello   world"), "");
	CHECK_STR(run("vfs cat /scratch/f"), "hello world");
	CHECK_STR(run("vfs cp /hello.txt /scratch/g"), "Copied 13 bytes to /scratch/g\n");
	CHECK_STR(run("vfs md5 /scratch/g"), "MD5 Digest: 6ba60e2443efcdd8f828ba67600991d3\n");
	CHECK(strstr(run("vfs cp /scratch/g /scratch/../scratch/g"),
		     "/scratch/g and /scratch/../scratch/g are the same file\n"));
	CHECK_EQ(rc_of_last, -EINVAL);
	CHECK_STR(run("vfs md5 /scratch/g"), "MD5 Digest: 6ba60e2443efcdd8f828ba67600991d3\n");
	CHECK_STR(run("vfs truncate /scratch/g 5"), "");
	CHECK_STR(run("vfs cat /scratch/g"), "Hello");
	CHECK_STR(run("vfs mv /scratch/g /scratch/h"), "");
	CHECK(strstr(run("vfs cat /scratch/g"), "(error -2)"));
	CHECK_STR(run("vfs write /scratch/empty"), "");
	CHECK_STR(run("vfs sha256 /scratch/empty"),
		  "SHA-256 Digest: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
	CHECK(strstr(run("vfs rmdir /scratch"), "/scratch: Directory not empty (error -39)\n"));
	CHECK_EQ(rc_of_last, -ENOTEMPTY);
	CHECK(strstr(run("vfs cp /nope /scratch/x"), "Failed to open /nope: No such file or directory (error -2)\n"));
	CHECK(strstr(run("vfs cp /hello.txt /nodir/x"), "Failed to create /nodir/x: No such file or directory (error -2)\n"));
	CHECK(strstr(run("vfs truncate /scratch/f lots"), "Bad size lots\n"));
	CHECK_EQ(rc_of_last, -EINVAL);
	CHECK_STR(run("vfs rm /scratch/f;vfs rm /scratch/h;vfs rm /scratch/empty"), "");
	CHECK_STR(run("vfs rmdir /scratch"), "");
	CHECK_EQ(rc_of_last, 0);
	CHECK(strstr(run("vfs rm /scratch"), "/scratch: No such file or directory (error -2)\n"));
	run("vfs bogus");
	CHECK_EQ(rc_of_last, -EINVAL);
	run("vfs cat");
	CHECK_EQ(rc_of_last, -EINVAL);
}

UNIT_TEST(cpio_is_read_only)
{
	char path[512];
	uint8_t *cpio;
	FILE *f;
	long n;

	setup();
	snprintf(path, sizeof(path), "%s/small.cpio", ext2_data_dir);
	f = fopen(path, "rb");
	CHECK(f);
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	n = ftell(f) & ~511l;
	rewind(f);
	cpio = malloc(n);
	CHECK(fread(cpio, 1, n, f) == (size_t)n);
	fclose(f);
	CHECK_EQ(rbd_create("cp", (uintptr_t)cpio, n), 0);
	run("vfs mount cp /a");
	CHECK_EQ(rc_of_last, 0);
	CHECK(strstr(run("vfs mkdir /a/x"), "/a/x: read-only filesystem\n"));
	CHECK_EQ(rc_of_last, -EROFS);
	CHECK(strstr(run("vfs write /a/y z"), "Failed to create /a/y: Read-only file system (error -30)\n"));
	run("vfs mv /a /b");
	CHECK_EQ(rc_of_last, -EBUSY);
	CHECK_STR(run("vfs umount /a"), "Unmounted /a\n");
	CHECK_EQ(rbd_destroy("cp"), 0);
	free(cpio);
}

UNIT_TEST(loaders)
{
	setup();
	static char mem[16];
	char line[128];

	snprintf(line, sizeof(line), "vfs host_load 0x%lx /hello.txt 7 5", (unsigned long)mem);
	run(line);
	CHECK_EQ(rc_of_last, 0);
	CHECK_STR(mem, "ext2!");
	run("vfs guest_fdt_load g0 /hello.txt 2 a,b,c,d");
	CHECK_EQ(rc_of_last, 0);
	CHECK_STR(fake.guest, "g0");
	CHECK_EQ(fake.len, 13);
	CHECK_EQ(fake.vcpus, 2);
	CHECK_EQ(fake.novr, 1);
	CHECK_STR(fake.ovr0, "a,b,c,d");
	run("vfs guest_fdt_load g1 /hello.txt 0");
	CHECK_EQ(rc_of_last, -EINVAL);
	run("vfs guest_fdt_load g1 /empty 1");
	CHECK_EQ(rc_of_last, -EINVAL);
	run("vfs guest_fdt_load g1 /big.bin 1");
	CHECK_EQ(rc_of_last, -EFBIG);
	run("vfs fdt_load /guests node /a/b/c/deep.txt");
	CHECK_EQ(rc_of_last, 0);
	CHECK_STR(fake.parent, "/guests");
	CHECK_STR(fake.name, "node");
	CHECK_EQ(fake.len, 10);
	CHECK_EQ(fake.novr, 0);
}

UNIT_TEST(guest_loads)
{
	const char *out;

	setup();
	out = run("vfs guest_load_list g0 /list/nor.list");
	CHECK_EQ(rc_of_last, 0);
	CHECK_STR(out, "g0: Parsing /list/nor.list\n"
		  "g0: Loading 0x0000000000000010 with file /list/one.txt\n"
		  "g0: Loaded 0x0000000000000010 with 4 bytes\n"
		  "g0: Loading 0x0000000000000100 with file /a/b/c/deep.txt\n"
		  "g0: Loaded 0x0000000000000100 with 10 bytes\n");
	CHECK(!memcmp(guest_mem + 0x10, "one\n", 4));
	CHECK(!memcmp(guest_mem + 0x100, "deep file\n", 10));
	out = run("vfs guest_load_list g0 /list/bad.list");
	CHECK_EQ(rc_of_last, -EFAULT);
	CHECK(strstr(out, "g0: error -14\n"));
	run("vfs guest_load_list g0 /hello.txt");
	CHECK_EQ(rc_of_last, -EINVAL);
	run("vfs guest_load_list g9 /list/nor.list");
	CHECK_EQ(rc_of_last, -ENOENT);
	CHECK_STR(run("vfs guest_load g0 0x200 /hello.txt 7 3"),
		  "g0: Loaded 0x0000000000000200 with 3 bytes\n");
	CHECK(!memcmp(guest_mem + 0x200, "ext", 3));
	run("vfs guest_load g0 0x200 /hello.txt 99");
	CHECK_EQ(rc_of_last, -EINVAL);
}

UNIT_TEST(blockdev_and_rbd)
{
	setup();
	static char mem[1024];
	char line[128];

	CHECK(strstr(run("blockdev list"), " img              RW       512    32768"));
	CHECK(strstr(run("blockdev info img"), "Block Count : 32768\n"));
	CHECK(strstr(run("blockdev dump8 img 16 1080"), "00000438: 53 ef"));
	snprintf(line, sizeof(line), "rbd create r1 0x%lx 1024", (unsigned long)mem);
	CHECK_STR(run(line), "Created r1 RAM block device\n");
	CHECK(strstr(run("rbd list"), " r1 "));
	run("rbd destroy img");
	CHECK_EQ(rc_of_last, -EBUSY);
	CHECK_STR(run("rbd destroy r1"), "Destroyed r1 RAM block device\n");
	run("blockdev info r1");
	CHECK_EQ(rc_of_last, -ENODEV);
}

UNIT_MAIN();
