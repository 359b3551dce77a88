/*
 * Booting Linux: the start_linux_fdt command (quiesce, build the command
 * line, patch the FDT from vminfo/simplefb/SBI data, release secondary
 * harts, jump with a0 = hartid and a1 = FDT), the linux_cmdline and
 * linux_memory_size settings it uses, and the fdt_override_u32 and
 * fdt_print_tree device-tree tools.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "basic.h"

#define LINUX_CMDLINE_MAX	1024
#define MIB			(1024 * 1024)

static char linux_cmdline[LINUX_CMDLINE_MAX] =
	"root=/dev/ram rw console=ttyS0,115200 earlycon=uart8250,mmio,0x10000000";
static uint64_t linux_mem_size;		/* 0: the vminfo RAM0 size */

volatile uint64_t basic_release[3];

static void quiesce(void)
{
	timer_stop();
	csr_clear(sstatus, SSTATUS_SIE);
	csr_write(sie, 0);
	csr_write(satp, 0);
	__asm__ volatile("sfence.vma" : : : "memory");
}

/* Let harts spinning in start.S follow the boot hart into the kernel. */
static void release_secondaries(uint64_t entry, uint64_t fdt)
{
	basic_release[RELEASE_ENTRY_OFF / 8] = entry;
	basic_release[RELEASE_FDT_OFF / 8] = fdt;
	__asm__ volatile("fence rw, rw" : : : "memory");
	basic_release[RELEASE_MAGIC_OFF / 8] = RELEASE_MAGIC;
}

static int linux_params(struct linux_fdt_params *p, char *bootargs, size_t size)
{
	uint64_t mem = linux_mem_size ? linux_mem_size : vminfo_ram_size(0);
	uint64_t hz = vminfo_clocksource_hz();

	if (!vminfo_present()) {
		printf("start_linux_fdt: vminfo device not found\n");
		return -ENODEV;
	}
	if ((size_t)snprintf(bootargs, size, "%s mem=%lluM", linux_cmdline,
			     (unsigned long long)(mem / MIB)) >= size) {
		printf("start_linux_fdt: command line too long\n");
		return -E2BIG;
	}
	p->ram_base = vminfo_ram_base(0);
	p->ram_size = vminfo_ram_size(0);
	p->bootargs = bootargs;
	p->timebase_hz = hz > UINT32_MAX ? UINT32_MAX : (uint32_t)hz;
	p->vcpu_count = vminfo_vcpu_count();
	p->isa = *sbi_isa();
	return 0;
}

static int cmd_start_linux_fdt(int argc, char **argv)
{
	char bootargs[LINUX_CMDLINE_MAX + 32];
	struct linux_fdt_params p = { 0 };
	void (*kernel)(unsigned long hartid, unsigned long fdt);
	uint64_t entry, fdt;
	struct basic_fb fb;
	int err;

	if (argc < 3 || argc > 5 || basic_arg_hex(argv, 1, &entry) ||
	    basic_arg_hex(argv, 2, &fdt) || (argc > 3 && basic_arg_hex(argv, 3, &p.initrd_start)) ||
	    (argc > 4 && basic_arg_hex(argv, 4, &p.initrd_size)))
		return -EINVAL;
	quiesce();
	err = linux_params(&p, bootargs, sizeof(bootargs));
	if (err)
		return err;
	if (simplefb_read(&fb))
		p.fb = &fb;
	err = linux_fdt_patch((void *)(uintptr_t)fdt, &p);
	if (err) {
		printf("start_linux_fdt: FDT patch failed: %s\n", fdt_strerror(err));
		return -EIO;
	}
	printf("Jumping into linux ...\n");
	csr_write(sip, 0);
	release_secondaries(entry, fdt);
	kernel = (void (*)(unsigned long, unsigned long))(uintptr_t)entry;
	kernel(basic_boot_hartid, fdt);
	return 0;
}
BASIC_CMD(cmd_start_linux_fdt_def, "start_linux_fdt", "<kernel> <fdt> [<initrd>] [<size>]",
	  "Patch the FDT and boot a Linux Image", cmd_start_linux_fdt);

static int cmd_linux_cmdline(int argc, char **argv)
{
	char buf[LINUX_CMDLINE_MAX];
	size_t len = 0, n;
	int i;

	if (argc == 1) {
		printf("linux_cmdline = \"%s\"\n", linux_cmdline);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		n = strlen(argv[i]);
		if (len + n + 1 >= sizeof(buf)) {
			printf("linux_cmdline: too long\n");
			return -E2BIG;
		}
		if (i > 1)
			buf[len++] = ' ';
		memcpy(buf + len, argv[i], n);
		len += n;
	}
	buf[len] = '\0';
	memcpy(linux_cmdline, buf, len + 1);
	return 0;
}
BASIC_CMD(cmd_linux_cmdline_def, "linux_cmdline", "[<words>...]",
	  "Show or replace the Linux command line", cmd_linux_cmdline);

static int cmd_linux_memory_size(int argc, char **argv)
{
	uint64_t size;

	if (argc > 2)
		return -EINVAL;
	if (argc == 1) {
		size = linux_mem_size ? linux_mem_size : vminfo_ram_size(0);
		printf("linux_memory_size = 0x%llx Bytes\n", (unsigned long long)size);
		return 0;
	}
	if (basic_arg_hex(argv, 1, &size))
		return -EINVAL;
	linux_mem_size = size;
	return 0;
}
BASIC_CMD(cmd_linux_memory_size_def, "linux_memory_size", "[<size>]",
	  "Show or set the Linux mem= size", cmd_linux_memory_size);

static int cmd_fdt_override_u32(int argc, char **argv)
{
	uint64_t fdt, val;
	int err;

	if (argc != 4 || basic_arg_hex(argv, 1, &fdt) || basic_arg_hex(argv, 3, &val) ||
	    val > UINT32_MAX)
		return -EINVAL;
	err = fdt_override_u32((void *)(uintptr_t)fdt, argv[2], (uint32_t)val);
	if (err) {
		printf("fdt_override_u32: %s\n", fdt_strerror(err));
		return -EIO;
	}
	return 0;
}
BASIC_CMD(cmd_fdt_override_u32_def, "fdt_override_u32", "<fdt> </path/prop> <value>",
	  "Set a u32 property in a device tree", cmd_fdt_override_u32);

static int cmd_fdt_print_tree(int argc, char **argv)
{
	uint64_t fdt;
	int err;

	if (argc < 2 || argc > 3 || basic_arg_hex(argv, 1, &fdt))
		return -EINVAL;
	err = fdt_print_tree((const void *)(uintptr_t)fdt, argc == 3 ? argv[2] : "/");
	if (err) {
		printf("fdt_print_tree: %s\n", fdt_strerror(err));
		return -EIO;
	}
	return 0;
}
BASIC_CMD(cmd_fdt_print_tree_def, "fdt_print_tree", "<fdt> [</path>]",
	  "Print a device-tree subtree", cmd_fdt_print_tree);
