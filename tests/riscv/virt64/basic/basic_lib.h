/*
 * The hardware-independent half of the virt64 basic firmware: the argument
 * tokenizer, the hex number parser, the autoexec command-list splitter, the
 * riscv,isa builder and the Linux FDT patcher.  Nothing declared here touches
 * MMIO, CSRs or the SBI, so these files also build natively for the host
 * unit tests (tests/unit/test_basic_fdt.c).
 */
#ifndef BASIC_LIB_H
#define BASIC_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/isa_ext_ids.h>

#define BASIC_LINE_MAX		255	/* characters in one command line */
#define BASIC_ARGS_MAX		32	/* arguments in one command line */

/*
 * Split @line in place at blanks (space, tab) into at most @max arguments.
 * Returns the argument count (0 for an empty line) or -E2BIG when the line
 * holds more than @max arguments.
 */
int args_split(char *line, char **argv, int max);

/*
 * Parse a hex number, with or without a 0x/0X prefix.  The whole string must
 * be the number.  Returns 0, -EINVAL for a malformed string or -ERANGE when
 * the value does not fit in 64 bits.
 */
int parse_hex(const char *s, uint64_t *val);

/* The autoexec command list lives at this NOR offset and must stay shorter. */
#define CMDLIST_NOR_OFFSET	0xFF000UL
#define CMDLIST_MAX_LEN		4096

/*
 * Length of the command-list text at @p: the bytes up to the first one that
 * is neither printable ASCII nor CR, LF or TAB, scanning at most @max bytes.
 */
size_t cmdlist_len(const char *p, size_t max);

/*
 * Iterate over the non-empty lines of a NUL-terminated command list.  Each
 * call ends the next line in place at its CR/LF, advances *@cursor past it
 * and returns it; NULL once no line is left.
 */
char *cmdlist_next(char **cursor);

/*
 * Bits of the vendor SBI ISA_EXT query: 0-25 are the letters a-z, then
 * the multi-letter extensions numbered in the hypervisor's
 * <arch/isa_ext_ids.h> (the query's protocol): ISA_EXT_SSTC and so on.
 */
#define ISA_EXT_BIT(c)		(1ULL << ((c) - 'a'))
#define ISA_EXT_ENUM(id, bit, name) ISA_EXT_##id = (bit),
enum { ISA_EXT_IDS(ISA_EXT_ENUM) };
#undef ISA_EXT_ENUM

/*
 * What the firmware knows about the vCPU ISA: @vendor is false when the
 * vendor SBI extension is missing, and then @bits is ignored (rv64gc).
 * The query answers the Zicbom and Zicboz block sizes in bytes.
 */
struct isa_info {
	bool vendor;
	uint64_t bits;
	uint32_t cbom_block, cboz_block;
};

/*
 * Write the riscv,isa string ("rv64" + letters in the order
 * iemafdqclbjtpvnhkorwyg + "_<name>" of each multi-letter extension in
 * bit order, or "rv64gc") into @buf.  Returns its length or -ENOSPC.
 */
int isa_build_string(const struct isa_info *isa, char *buf, size_t size);

/*
 * Write the riscv,isa-extensions string list (NUL-separated names) into
 * @buf.  Returns the list's byte size including the last NUL, or -ENOSPC.
 */
int isa_build_extensions(const struct isa_info *isa, char *buf, size_t size);

/* A simplefb mode as read from the simplefb registers. */
struct basic_fb {
	char format[17];
	uint32_t width;
	uint32_t height;
	uint32_t stride;
	uint64_t base;
};

/* Everything start_linux_fdt writes into the Linux device tree. */
struct linux_fdt_params {
	uint64_t ram_base;
	uint64_t ram_size;
	const char *bootargs;
	uint64_t initrd_start;
	uint64_t initrd_size;		/* 0: no initrd */
	uint32_t timebase_hz;
	uint32_t vcpu_count;
	struct isa_info isa;
	const struct basic_fb *fb;	/* NULL: leave framebuffers alone */
};

#define LINUX_FDT_GROW		0x2000	/* bytes added to the blob */
#define LINUX_CPU_PHANDLE_BASE	100	/* cpu-intc of vCPU i has 100 + i */

/*
 * Grow the blob at @fdt in place by LINUX_FDT_GROW bytes (the memory after
 * it must be free) and patch it for Linux: memory bank, /chosen bootargs and
 * initrd, /cpus with one cpu@i per vCPU, PLIC interrupts-extended and the
 * simple-framebuffer mode.  Returns 0 or a negative libfdt error.
 */
int linux_fdt_patch(void *fdt, const struct linux_fdt_params *p);

/*
 * Set the u32 property named by @path_prop ("/node/path/prop") to @val,
 * growing the blob in place by up to 4 KiB if needed.  Returns 0 or a
 * negative libfdt error.
 */
int fdt_override_u32(void *fdt, const char *path_prop, uint32_t val);

/*
 * Print the subtree of @fdt at @path in DTS-like syntax.  Returns 0 or a
 * negative libfdt error.
 */
int fdt_print_tree(const void *fdt, const char *path);

#endif
