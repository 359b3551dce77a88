/*
 * Load-list parsing: split the text into blank/CR/LF-separated tokens, take
 * them in (address, path) pairs, and resolve "./" paths against the list
 * file's own directory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/loadlist.h>

static int is_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

/* Next token of [*p, end): start and length, 0 length at the end. */
static size_t next_token(const char **p, const char *end, const char **tok)
{
	const char *s = *p;

	while (s < end && is_sep(*s))
		s++;
	*tok = s;
	while (s < end && !is_sep(*s))
		s++;
	*p = s;
	return s - *tok;
}

static int parse_addr(const char *tok, size_t n, uint64_t *addr)
{
	char num[32], *endp;

	if (n >= sizeof(num) || tok[0] == '-' || tok[0] == '+')
		return -EINVAL;
	memcpy(num, tok, n);
	num[n] = '\0';
	*addr = strtoull(num, &endp, 0);
	return *endp ? -EINVAL : 0;
}

static int resolve_path(const char *list_path, const char *tok, size_t n,
			char out[VFS_PATH_MAX])
{
	size_t dirlen = 0;

	if (n >= 2 && tok[0] == '.' && tok[1] == '/') {
		const char *slash = strrchr(list_path, '/');

		dirlen = slash ? (size_t)(slash - list_path) : 0;
		tok += 2;
		n -= 2;
		if (dirlen + 1 + n >= VFS_PATH_MAX)
			return -ENAMETOOLONG;
		memcpy(out, list_path, dirlen);
		out[dirlen++] = '/';
	}
	if (dirlen + n >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(out + dirlen, tok, n);
	out[dirlen + n] = '\0';
	return 0;
}

int loadlist_parse(const char *list_path, const char *buf, size_t len,
		   struct loadlist_entry **entries, int *count)
{
	const char *p = buf, *end = buf + len, *tok;
	struct loadlist_entry *list = NULL;
	int n = 0, rc = 0;
	size_t tl;

	if (len >= LOADLIST_MAX_BYTES)
		return -EFBIG;
	while (!rc && (tl = next_token(&p, end, &tok))) {
		struct loadlist_entry *grown = realloc(list, (n + 1) * sizeof(*list));

		if (!grown) {
			rc = -ENOMEM;
			break;
		}
		list = grown;
		rc = parse_addr(tok, tl, &list[n].addr);
		tl = rc ? 0 : next_token(&p, end, &tok);
		if (!rc && !tl)
			rc = -EINVAL;
		if (!rc)
			rc = resolve_path(list_path, tok, tl, list[n].path);
		n++;
	}
	if (rc) {
		free(list);
		return rc;
	}
	*entries = list;
	*count = n;
	return 0;
}
