/*
 * Parsing of /chosen/bootargs and execution of the boot commands (contract
 * in include/vmm/bootargs.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/bootargs.h>
#include <vmm/cmd.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char name_char(char c)
{
	return c == '-' ? '_' : c;
}

/* Does token[0..len) name param?  Quotes are ignored, stops at '='. */
static int name_matches(const char *tok, size_t len, const char *param, const char **value)
{
	size_t i;

	for (i = 0; i < len && tok[i] != '='; i++) {
		if (tok[i] == '"')
			continue;
		if (!*param || name_char(tok[i]) != name_char(*param))
			return 0;
		param++;
	}
	if (*param)
		return 0;
	*value = tok + i + (i < len);
	return 1;
}

/* Length of the token at s: up to whitespace outside quotes. */
static size_t token_len(const char *s)
{
	size_t n = 0;
	int quoted = 0;

	for (; s[n] && (quoted || !is_space(s[n])); n++) {
		if (s[n] == '"')
			quoted = !quoted;
	}
	return n;
}

int bootargs_get(const char *bootargs, const char *param, char *out, size_t outsz)
{
	const char *val = NULL, *end = NULL, *v;
	size_t n, len = 0;

	while (*bootargs) {
		while (is_space(*bootargs))
			bootargs++;
		n = token_len(bootargs);
		if (n && name_matches(bootargs, n, param, &v)) {
			val = v;
			end = bootargs + n;
		}
		bootargs += n;
	}
	if (!val)
		return -ENOENT;
	for (; val < end; val++) {
		if (*val == '"')
			continue;
		if (len + 1 >= outsz)
			return -ENOSPC;
		out[len++] = *val;
	}
	if (!outsz)
		return -ENOSPC;
	out[len] = '\0';
	return len;
}

int bootcmd_split(char *value, char **cmds, int max)
{
	int n = 0;

	for (;;) {
		if (n >= max)
			return -E2BIG;
		cmds[n++] = value;
		value = strchr(value, ';');
		if (!value)
			return n;
		*value++ = '\0';
	}
}

static void run_piece(const char *piece, size_t len)
{
	char line[BOOTCMD_PIECE_MAX + 1];
	size_t i;

	for (i = 0; i < len && (piece[i] == ' ' || piece[i] == '\t'); i++)
		;
	if (i == len)
		return;
	printf("INIT: bootcmd: %.*s\n", (int)len, piece);
	if (len > BOOTCMD_PIECE_MAX) {
		printf("Error: boot command longer than %d characters\n", BOOTCMD_PIECE_MAX);
		return;
	}
	memcpy(line, piece, len);
	line[len] = '\0';
	vmm_cmd_exec_line(line);
}

static int run_bootargs(const char *bootargs)
{
	size_t size = strlen(bootargs) + 1;
	char *value = malloc(size), **cmds = NULL;
	int i, n = 1, rc;

	if (!value)
		return -ENOMEM;
	rc = bootargs_get(bootargs, "vmm.bootcmd", value, size);
	if (rc < 0)
		goto out;
	for (i = 0; value[i]; i++)
		n += value[i] == ';';
	cmds = calloc(n, sizeof(*cmds));
	rc = -ENOMEM;
	if (!cmds)
		goto out;
	rc = bootcmd_split(value, cmds, n);
	for (i = 0; i < rc; i++)
		run_piece(cmds[i], strlen(cmds[i]));
out:
	free(cmds);
	free(value);
	return rc < 0 ? rc : 0;
}

void bootcmd_run(const char *bootargs, const char *chosen_bootcmd_list, size_t list_len)
{
	const char *s = chosen_bootcmd_list;
	size_t n;
	int rc = -ENOENT;

	if (bootargs)
		rc = run_bootargs(bootargs);
	if (rc == -ENOMEM)
		printf("Error: no memory for boot commands\n");
	if (rc != -ENOENT || !s)
		return;
	while (list_len) {
		n = strnlen(s, list_len);
		run_piece(s, n);
		n += n < list_len;
		s += n;
		list_len -= n;
	}
}
