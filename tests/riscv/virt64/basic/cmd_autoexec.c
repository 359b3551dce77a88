/*
 * The autoexec command: run the command list stored at NOR + 0xFF000 (see
 * cmdlist.c for its format), echoing each line as autoexec(<line>).  A
 * nested autoexec inside the list is ignored.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "basic.h"

#define CMDLIST_SCAN_MAX	0x10000	/* how far to measure an oversized list */

static bool autoexec_running;
static char autoexec_buf[CMDLIST_MAX_LEN];

static int cmd_autoexec(int argc, char **argv)
{
	const char *nor = (const char *)(uintptr_t)CMDLIST_NOR_OFFSET;
	char *cursor, *line;
	size_t len;

	(void)argc;
	(void)argv;
	if (autoexec_running)
		return 0;
	len = cmdlist_len(nor, CMDLIST_SCAN_MAX);
	if (!len) {
		printf("command list not found !!!\n");
		return -ENOENT;
	}
	if (len >= CMDLIST_MAX_LEN) {
		printf("command list len=%lu too big !!!\n", (unsigned long)len);
		return -E2BIG;
	}
	memcpy(autoexec_buf, nor, len);
	autoexec_buf[len] = '\0';
	autoexec_running = true;
	cursor = autoexec_buf;
	while ((line = cmdlist_next(&cursor))) {
		printf("autoexec(%s)\n", line);
		basic_exec_line(line);
	}
	autoexec_running = false;
	return 0;
}
BASIC_CMD(cmd_autoexec_def, "autoexec", "", "Run the command list at NOR+0xFF000", cmd_autoexec);
