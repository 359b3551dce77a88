/*
 * ISA string handling: turns riscv,isa strings and riscv,isa-extensions
 * lists into feature sets and back, and reads the host's from its FDT.
 * Single letters after "rv64" are extensions until the first '_' or
 * multi-letter prefix (s, z, x).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <arch/cpu.h>

isa_set_t host_isa;
unsigned long host_cbom_block, host_cboz_block;

static const char *const ext_names[ISA_EXT_ID_END - ISA_EXT_ID_FIRST] = {
#define ISA_EXT_NAME(id, bit, name) [(bit) - ISA_EXT_ID_FIRST] = (name),
	ISA_EXT_IDS(ISA_EXT_NAME)
#undef ISA_EXT_NAME
};

const char *isa_ext_name(unsigned int bit)
{
	if (bit < ISA_EXT_ID_FIRST || bit >= ISA_EXT_ID_END)
		return NULL;
	return ext_names[bit - ISA_EXT_ID_FIRST];
}

static isa_set_t multi_ext_bit(const char *name, size_t len)
{
	for (unsigned int bit = ISA_EXT_ID_FIRST; bit < ISA_EXT_ID_END; bit++) {
		const char *n = isa_ext_name(bit);

		if (n && strlen(n) == len && !strncasecmp(n, name, len))
			return 1ULL << bit;
	}
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

static unsigned long block_size(const void *fdt, int node, const char *prop)
{
	const fdt32_t *v = fdt_getprop(fdt, node, prop, NULL);

	return v ? fdt32_to_cpu(*v) : 0;
}

void isa_probe_host(const void *fdt, int cpu_node, const char *isa)
{
	int len;
	const char *list = fdt_getprop(fdt, cpu_node, "riscv,isa-extensions", &len);

	host_isa = isa ? isa_parse_string(isa) : 0;
	if (list)
		host_isa |= isa_parse_list(list, len);
	host_cbom_block = block_size(fdt, cpu_node, "riscv,cbom-block-size");
	host_cboz_block = block_size(fdt, cpu_node, "riscv,cboz-block-size");
}
