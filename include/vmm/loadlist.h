/*
 * Parser of load-list files (guest_load_list / host_load_list): pairs of
 * "<address> <path>" separated by blanks, CR or LF, no comments, the whole
 * file smaller than LOADLIST_MAX_BYTES.  Addresses are C-style numbers
 * (0x hex, leading 0 octal, else decimal).  A path starting with "./" is
 * resolved against the directory of the list file itself; any other path
 * is kept as written.
 */
#ifndef VMM_LOADLIST_H
#define VMM_LOADLIST_H

#include <stddef.h>
#include <stdint.h>
#include <vmm/vfs.h>

#define LOADLIST_MAX_BYTES	4096

struct loadlist_entry {
	uint64_t addr;
	char path[VFS_PATH_MAX];
};

/*
 * Parse len bytes of buf, the contents of the list file at list_path.  On
 * success *entries is a malloc'd array of *count entries (free() it).
 * -EFBIG if len >= LOADLIST_MAX_BYTES, -EINVAL for a bad address or an
 * address without a path, -ENAMETOOLONG for a too long resolved path.
 */
int loadlist_parse(const char *list_path, const char *buf, size_t len,
		   struct loadlist_entry **entries, int *count);

#endif
