/*
 * ISA string handling: turns riscv,isa strings and riscv,isa-extensions
 * lists into feature sets and back.  Single letters after "rv64" are
 * extensions until the first '_' or multi-letter prefix (s, z, x).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <arch/cpu.h>

isa_set_t host_isa;

static const struct {
	const char *name;
	unsigned int bit;
} multi_exts[] = {
	{ "ssaia", ISA_EXT_SSAIA },	{ "smaia", ISA_EXT_SMAIA },
	{ "sstc", ISA_EXT_SSTC },	{ "smstateen", ISA_EXT_SMSTATEEN },
	{ "svpbmt", ISA_EXT_SVPBMT },	{ "svnapot", ISA_EXT_SVNAPOT },
	{ "zicbom", ISA_EXT_ZICBOM },	{ "zihintpause", ISA_EXT_ZIHINTPAUSE },
	{ "zbb", ISA_EXT_ZBB },		{ "svinval", ISA_EXT_SVINVAL },
	{ "zkr", ISA_EXT_ZKR },
};

const char *isa_ext_name(unsigned int bit)
{
	for (unsigned int i = 0; i < sizeof(multi_exts) / sizeof(multi_exts[0]); i++)
		if (multi_exts[i].bit == bit)
			return multi_exts[i].name;
	return NULL;
}

static isa_set_t multi_ext_bit(const char *name, size_t len)
{
	for (unsigned int i = 0; i < sizeof(multi_exts) / sizeof(multi_exts[0]); i++)
		if (strlen(multi_exts[i].name) == len && !strncasecmp(multi_exts[i].name, name, len))
			return 1ULL << multi_exts[i].bit;
	return 0;
}

isa_set_t isa_parse_string(const char *isa)
{
	isa_set_t set = 0;
	const char *p = isa;

	if (strncasecmp(p, "rv64", 4) && strncasecmp(p, "rv32", 4))
		return 0;
	p += 4;
	while (*p && *p != '_' && isalpha((unsigned char)*p)) {
		char c = tolower((unsigned char)*p);

		if (c == 's' || c == 'z' || c == 'x')
			break;
		if (c == 'g')
			set |= (1ULL << ISA_EXT_LETTER('i')) | (1ULL << ISA_EXT_LETTER('m')) |
			       (1ULL << ISA_EXT_LETTER('a')) | (1ULL << ISA_EXT_LETTER('f')) |
			       (1ULL << ISA_EXT_LETTER('d'));
		else
			set |= 1ULL << ISA_EXT_LETTER(c);
		p++;
	}
	while (*p) {
		const char *start;

		while (*p == '_')
			p++;
		start = p;
		while (*p && *p != '_')
			p++;
		if (p > start)
			set |= multi_ext_bit(start, p - start);
	}
	return set;
}

isa_set_t isa_parse_list(const char *list, int len)
{
	isa_set_t set = 0;
	int pos = 0;

	while (pos < len) {
		const char *s = list + pos;
		size_t n = strnlen(s, len - pos);

		if (n == 1 && isalpha((unsigned char)s[0]))
			set |= 1ULL << ISA_EXT_LETTER(tolower((unsigned char)s[0]));
		else
			set |= multi_ext_bit(s, n);
		pos += n + 1;
	}
	return set;
}

void isa_format(isa_set_t set, char *buf, unsigned long size)
{
	static const char order[] = "iemafdqclbjtpvnhkorwyg";
	size_t n = snprintf(buf, size, "rv64");

	for (const char *c = order; *c && n + 1 < size; c++)
		if (set & (1ULL << ISA_EXT_LETTER(*c)))
			buf[n++] = *c;
	buf[n < size ? n : size - 1] = '\0';
	for (unsigned int bit = 26; bit < ISA_EXT_MAX; bit++) {
		const char *name = isa_ext_name(bit);

		if (name && (set & (1ULL << bit)) && n < size)
			n += snprintf(buf + n, size - n, "_%s", name);
	}
}
