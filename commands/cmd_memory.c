/*
 * The `memory` command: dump, checksum, modify and copy host physical
 * memory.  Every range must lie inside one host RAM bank, outside the
 * reserved ranges (firmware), and must not wrap around the end of the
 * address space; anything else is refused with one error line naming the
 * range.  Host RAM is identity-mapped, so a host physical address is also
 * the hypervisor's pointer to it.  dump<w> reads with plain loads and
 * iodump<w> with single volatile loads of exactly w bits (for memory shared
 * with devices); the optional <hcpu> runs the reads on that host CPU.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/crc32.h>
#include <vmm/host.h>
#include <vmm/host_ram.h>
#include <vmm/md5.h>
#include <vmm/sha256.h>
#include <vmm/smp.h>

#define LINE_BYTES	16

/* Check [pa, pa + count * width): one error line and -EINVAL/-EFAULT if bad. */
static int check_range(const char *what, unsigned long pa, unsigned long count,
		       unsigned int width)
{
	unsigned long len = count * width, end;

	if (!count) {
		printf("Error: %s: the count must not be 0\n", what);
		return -EINVAL;
	}
	if (pa % width) {
		printf("Error: %s: 0x%lx is not %u-byte aligned\n", what, pa, width);
		return -EINVAL;
	}
	if (count > ~0UL / width || pa + (len - 1) < pa) {
		printf("Error: %s: 0x%lx + %lu x %u bytes wraps around the address space\n", what,
		       pa, count, width);
		return -EINVAL;
	}
	end = pa + (len - 1);
	for (unsigned int i = 0; i < host_info.reserved_count; i++) {
		const struct host_range *r = &host_info.reserved[i];

		if (r->size && pa <= r->base + (r->size - 1) && r->base <= end) {
			printf("Error: %s: 0x%lx-0x%lx overlaps reserved memory 0x%llx-0x%llx\n",
			       what, pa, end, (unsigned long long)r->base,
			       (unsigned long long)(r->base + r->size - 1));
			return -EFAULT;
		}
	}
	if (!host_ram_contains(pa, len)) {
		printf("Error: %s: 0x%lx-0x%lx is not host RAM\n", what, pa, end);
		return -EFAULT;
	}
	return 0;
}

static int parse_num(const char *s, unsigned long *v)
{
	if (vmm_cmd_parse_ulong(s, v)) {
		printf("Error: bad number %s\n", s);
		return -EINVAL;
	}
	return 0;
}

/* dump8|16|32 and iodump8|16|32: width from the name's digits. */
static unsigned int name_width(const char *name)
{
	const char *d = name + strcspn(name, "0123456789");

	return *d == '8' ? 1 : *d == '1' ? 2 : 4;
}

struct read_job {
	unsigned long pa;
	unsigned int width, n;		/* n items of width bytes */
	bool io;
	uint8_t buf[LINE_BYTES];
};

static void read_items(void *arg)
{
	struct read_job *j = arg;

	for (unsigned int i = 0; i < j->n; i++) {
		uintptr_t a = j->pa + i * j->width;

		if (j->width == 1)
			j->buf[i] = j->io ? *(volatile uint8_t *)a : *(uint8_t *)a;
		else if (j->width == 2)
			((uint16_t *)j->buf)[i] = j->io ? *(volatile uint16_t *)a : *(uint16_t *)a;
		else
			((uint32_t *)j->buf)[i] = j->io ? *(volatile uint32_t *)a : *(uint32_t *)a;
	}
}

static int parse_hcpu(const char *s, struct vmm_cpu **cpu)
{
	unsigned long c;

	if (vmm_cmd_parse_ulong(s, &c) || c >= vmm_cpu_count || !vmm_cpus[c].online) {
		printf("Error: %s is not an online host CPU\n", s);
		return -EINVAL;
	}
	*cpu = &vmm_cpus[c];
	return 0;
}

static int memory_dump(int argc, char **argv)
{
	unsigned int width = name_width(argv[1]);
	struct read_job j = { .width = width, .io = argv[1][0] == 'i' };
	struct vmm_cpu *cpu = this_cpu();
	unsigned long pa, count;
	int rc;

	if (parse_num(argv[2], &pa) || parse_num(argv[3], &count) ||
	    (argc > 4 && parse_hcpu(argv[4], &cpu)))
		return -EINVAL;
	rc = check_range(argv[1], pa, count, width);
	if (rc)
		return rc;
	for (unsigned long i = 0; i < count; i += j.n) {
		j.pa = pa + i * width;
		j.n = count - i < LINE_BYTES / width ? count - i : LINE_BYTES / width;
		if (cpu == this_cpu())
			read_items(&j);
		else
			smp_call_on(cpu, read_items, &j);
		printf("0x%016lx:", j.pa);
		for (unsigned int k = 0; k < j.n; k++) {
			if (width == 1)
				printf(" %02x", j.buf[k]);
			else if (width == 2)
				printf(" %04x", ((uint16_t *)j.buf)[k]);
			else
				printf(" %08x", ((uint32_t *)j.buf)[k]);
		}
		printf("\n");
	}
	return 0;
}

static int memory_digest(int argc, char **argv)
{
	const void *p;
	unsigned long pa, count;
	uint8_t d[SHA256_DIGEST_SIZE];
	int rc, n = 0;

	(void)argc;
	if (parse_num(argv[2], &pa) || parse_num(argv[3], &count))
		return -EINVAL;
	rc = check_range(argv[1], pa, count, 1);
	if (rc)
		return rc;
	p = (const void *)(uintptr_t)pa;
	if (!strcmp(argv[1], "crc32")) {
		printf("CRC32: 0x%08x\n", (unsigned int)crc32_update(0, p, count));
		return 0;
	}
	if (!strcmp(argv[1], "md5")) {
		struct md5_ctx c;

		md5_init(&c);
		md5_update(&c, p, count);
		md5_final(&c, d);
		n = MD5_DIGEST_SIZE;
	} else {
		struct sha256_ctx c;

		sha256_init(&c);
		sha256_update(&c, p, count);
		sha256_final(&c, d);
		n = SHA256_DIGEST_SIZE;
	}
	printf("%s: ", !strcmp(argv[1], "md5") ? "MD5" : "SHA256");
	for (int i = 0; i < n; i++)
		printf("%02x", d[i]);
	printf("\n");
	return 0;
}

static int memory_modify(int argc, char **argv)
{
	unsigned int width = name_width(argv[1]);
	unsigned long pa, v, n = argc - 3;
	uint32_t vals[VMM_CMD_MAX_ARGS];
	int rc;

	if (parse_num(argv[2], &pa))
		return -EINVAL;
	for (unsigned long i = 0; i < n; i++) {
		if (parse_num(argv[3 + i], &v))
			return -EINVAL;
		if (v >> (8 * width)) {
			printf("Error: %s: value %s does not fit in %u bits\n", argv[1],
			       argv[3 + i], 8 * width);
			return -ERANGE;
		}
		vals[i] = v;
	}
	rc = check_range(argv[1], pa, n, width);
	if (rc)
		return rc;
	for (unsigned long i = 0; i < n; i++) {
		uintptr_t a = pa + i * width;

		if (width == 1)
			*(volatile uint8_t *)a = vals[i];
		else if (width == 2)
			*(volatile uint16_t *)a = vals[i];
		else
			*(volatile uint32_t *)a = vals[i];
	}
	return 0;
}

static int memory_copy(int argc, char **argv)
{
	unsigned long dst, src, bytes;
	int rc;

	(void)argc;
	if (parse_num(argv[2], &dst) || parse_num(argv[3], &src) || parse_num(argv[4], &bytes))
		return -EINVAL;
	rc = check_range("copy destination", dst, bytes, 1);
	if (!rc)
		rc = check_range("copy source", src, bytes, 1);
	if (rc)
		return rc;
	memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, bytes);
	printf("Copied %lu bytes from 0x%lx to 0x%lx\n", bytes, src, dst);
	return 0;
}

static const struct vmm_subcmd memory_subcmds[] = {
	{ "dump8", 2, 3, memory_dump, "<pa> <count> [<hcpu>]" },
	{ "dump16", 2, 3, memory_dump, "<pa> <count> [<hcpu>]" },
	{ "dump32", 2, 3, memory_dump, "<pa> <count> [<hcpu>]" },
	{ "iodump8", 2, 3, memory_dump, "<pa> <count> [<hcpu>]" },
	{ "iodump16", 2, 3, memory_dump, "<pa> <count> [<hcpu>]" },
	{ "iodump32", 2, 3, memory_dump, "<pa> <count> [<hcpu>]" },
	{ "crc32", 2, 2, memory_digest, "<pa> <count>" },
	{ "md5", 2, 2, memory_digest, "<pa> <count>" },
	{ "sha256", 2, 2, memory_digest, "<pa> <count>" },
	{ "modify8", 2, VMM_CMD_MAX_ARGS, memory_modify, "<pa> <v0> [<v1>...]" },
	{ "modify16", 2, VMM_CMD_MAX_ARGS, memory_modify, "<pa> <v0> [<v1>...]" },
	{ "modify32", 2, VMM_CMD_MAX_ARGS, memory_modify, "<pa> <v0> [<v1>...]" },
	{ "copy", 3, 3, memory_copy, "<dst_pa> <src_pa> <bytes>" },
};

VMM_CMD(memory_cmd) = {
	.name = "memory",
	.desc = "host physical memory commands",
	VMM_SUBCMDS(memory_subcmds),
	.note = "Note:\n"
		"   <count> is in items of the access width (bytes for the digests);\n"
		"   every range must be host RAM outside reserved memory.\n",
};
