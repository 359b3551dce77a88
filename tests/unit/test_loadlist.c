/*
 * Load-list parser: pairs separated by blanks, CR and LF, C-style
 * addresses, "./" paths relative to the list's directory, the 4096-byte
 * limit, and malformed lists.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/loadlist.h>
#include "unit.h"

static int parse(const char *list, const char *text, struct loadlist_entry **e, int *n)
{
	return loadlist_parse(list, text, strlen(text), e, n);
}

UNIT_TEST(nor_flash_list)
{
	const char *text = "0x00000000 ./firmware.bin\n0x000FF000 ./cmdlist\r\n"
			   "0x00100000 ./Image\n0x01F00000 ./virt64.dtb\n"
			   "0x02000000 ./rootfs.img\n";
	struct loadlist_entry *e;
	int n;

	CHECK_EQ(parse("/images/riscv/virt64/nor_flash.list", text, &e, &n), 0);
	CHECK_EQ(n, 5);
	if (n != 5)
		return;
	CHECK_EQ(e[0].addr, 0);
	CHECK_STR(e[0].path, "/images/riscv/virt64/firmware.bin");
	CHECK_EQ(e[1].addr, 0xFF000);
	CHECK_STR(e[1].path, "/images/riscv/virt64/cmdlist");
	CHECK_EQ(e[4].addr, 0x2000000);
	CHECK_STR(e[4].path, "/images/riscv/virt64/rootfs.img");
	free(e);
}

UNIT_TEST(separators_numbers_and_plain_paths)
{
	struct loadlist_entry *e;
	int n;

	CHECK_EQ(parse("/l", "  16\t/abs/a  010 b\r\r0X1f ./c", &e, &n), 0);
	CHECK_EQ(n, 3);
	if (n != 3)
		return;
	CHECK_EQ(e[0].addr, 16);
	CHECK_STR(e[0].path, "/abs/a");
	CHECK_EQ(e[1].addr, 8);
	CHECK_STR(e[1].path, "b");
	CHECK_EQ(e[2].addr, 0x1f);
	CHECK_STR(e[2].path, "/c");
	free(e);
}

UNIT_TEST(empty_list)
{
	struct loadlist_entry *e = NULL;
	int n = -1;

	CHECK_EQ(parse("/x/l", " \n\r\n", &e, &n), 0);
	CHECK_EQ(n, 0);
	free(e);
}

UNIT_TEST(malformed_lists)
{
	struct loadlist_entry *e;
	int n;
	char *big = malloc(LOADLIST_MAX_BYTES + 1);

	CHECK_EQ(parse("/l", "0x100", &e, &n), -EINVAL);
	CHECK_EQ(parse("/l", "0x100 /a 0x200", &e, &n), -EINVAL);
	CHECK_EQ(parse("/l", "zz /a", &e, &n), -EINVAL);
	CHECK_EQ(parse("/l", "0x10q /a", &e, &n), -EINVAL);
	CHECK_EQ(parse("/l", "-1 /a", &e, &n), -EINVAL);
	if (!big)
		return;
	memset(big, ' ', LOADLIST_MAX_BYTES);
	memcpy(big, "0 /a", 4);
	CHECK_EQ(loadlist_parse("/l", big, LOADLIST_MAX_BYTES, &e, &n), -EFBIG);
	CHECK_EQ(loadlist_parse("/l", big, LOADLIST_MAX_BYTES - 1, &e, &n), 0);
	if (n == 1)
		free(e);
	memset(big, 'p', LOADLIST_MAX_BYTES);
	memcpy(big, "0 ./", 4);
	CHECK_EQ(loadlist_parse("/dir/l", big, 300, &e, &n), -ENAMETOOLONG);
	free(big);
}

UNIT_MAIN();
