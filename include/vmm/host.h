/*
 * What the hypervisor learned about its host at boot from the firmware's
 * device tree: RAM banks, reserved ranges, harts, the time base, /chosen
 * (bootargs, stdout-path, initrd) and where its own image lies.  Filled
 * once by host_fdt_parse() before any allocator exists; read-only after.
 */
#ifndef VMM_HOST_H
#define VMM_HOST_H

#include <stdint.h>
#include <vmm/smp.h>

#define HOST_MAX_BANKS		16
#define HOST_MAX_RESERVED	32

struct host_range {
	uint64_t base;
	uint64_t size;
};

struct host_info {
	const void *fdt;
	uint64_t fdt_size;
	uint64_t image_start, image_end;
	struct host_range mem[HOST_MAX_BANKS];
	unsigned int mem_count;
	struct host_range reserved[HOST_MAX_RESERVED];
	unsigned int reserved_count;
	uint64_t initrd_start, initrd_end;
	uint64_t timebase_hz;
	const char *bootargs;
	const char *bootcmd_list;	/* /chosen/bootcmd string list */
	int bootcmd_list_len;
	const char *stdout_path;
	const char *model;
	unsigned long boot_hartid;
};

extern struct host_info host_info;

/* Parse the host FDT; fills host_info and vmm_cpus[] (present harts).
 * Returns 0 or a negative errno with a message printed. */
int host_fdt_parse(const void *fdt, unsigned long boot_hartid);
uint64_t host_ram_total(void);

#endif
