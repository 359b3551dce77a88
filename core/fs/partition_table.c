/*
 * MBR and GPT partition-table parsing (see vmm/partition.h): the four
 * primary MBR slots, the logical partitions of an extended one (numbered
 * from 5, following the EBR chain forwards only, at most 60), or the GPT.
 * Every number read from the disk is checked against the disk size; the
 * GPT entry array is bounded (at most 128 entries of 128..512 bytes).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/partition.h>

#define SECTOR		512
#define MBR_TABLE	446
#define MBR_PROTECTIVE	0xee
#define GPT_MAX_ENTRIES	128
#define MAX_LOGICAL	60	/* logical partitions followed in an extended one */

struct walk {
	struct blockdev *disk;
	partition_found_t found;
	void *arg;
	int count;
};

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static int report(struct walk *w, unsigned int n, uint64_t start, uint64_t count,
		  const char *kind)
{
	uint64_t size = w->disk->block_count;
	int rc;

	if (!count || start >= size || count > size - start) {
		printf("%s: partition %u (%s) lies outside the disk, skipped\n",
		       w->disk->name, n, kind);
		return 0;
	}
	rc = w->found(w->arg, n, start, count, kind);
	if (rc >= 0)
		w->count++;
	return rc < 0 ? rc : 0;
}

static int scan_gpt(struct walk *w, uint8_t *sec)
{
	struct blockdev *disk = w->disk;
	static const uint8_t unused[16];
	uint32_t entries, esize, per;
	uint64_t table;
	int rc = 0;

	if (disk->read(disk, 1, 1, sec) || memcmp(sec, "EFI PART", 8))
		return 0;
	table = le64(sec + 72);
	entries = le32(sec + 80);
	esize = le32(sec + 84);
	if (esize < 128 || esize > SECTOR || SECTOR % esize || entries > GPT_MAX_ENTRIES ||
	    table < 2 || table >= disk->block_count) {
		printf("%s: malformed GPT header, no partitions\n", disk->name);
		return 0;
	}
	per = SECTOR / esize;
	for (uint32_t i = 0; i < entries && rc >= 0; i++) {
		const uint8_t *e = sec + (i % per) * esize;
		uint64_t first, last;

		if (i % per == 0 && (table + i / per >= disk->block_count ||
				     disk->read(disk, table + i / per, 1, sec)))
			break;
		if (!memcmp(e, unused, 16))
			continue;
		first = le64(e + 32);
		last = le64(e + 40);
		rc = report(w, i + 1, first, last >= first ? last - first + 1 : 0, "GPT");
	}
	return rc;
}

static bool is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

/* The chain of EBRs inside the extended partition at ext (sectors):
 * logical partitions 5, 6, ...; each EBR's first entry is relative to the
 * EBR, its second points to the next EBR relative to ext. */
static int scan_logical(struct walk *w, uint8_t *sec, uint64_t ext, uint64_t ext_size)
{
	uint64_t ebr = 0;
	int rc = 0;

	for (unsigned int n = 5; n < 5 + MAX_LOGICAL && rc >= 0; n++) {
		const uint8_t *e = sec + MBR_TABLE, *next = e + 16;

		if (ebr >= ext_size || w->disk->read(w->disk, ext + ebr, 1, sec) ||
		    sec[510] != 0x55 || sec[511] != 0xaa)
			break;
		if (e[4])
			rc = report(w, n, ext + ebr + le32(e + 8), le32(e + 12), "MBR logical");
		if (!is_extended(next[4]) || !le32(next + 8) || le32(next + 8) <= ebr)
			break;
		ebr = le32(next + 8);
	}
	return rc;
}

int partition_parse(struct blockdev *disk, partition_found_t found, void *arg)
{
	struct walk w = { disk, found, arg, 0 };
	uint8_t mbr[64];
	bool gpt = false;
	uint8_t *sec;
	int rc = 0;

	if (disk->block_size != SECTOR || disk->block_count < 2)
		return 0;
	sec = malloc(SECTOR);
	if (!sec)
		return -ENOMEM;
	if (disk->read(disk, 0, 1, sec) || sec[510] != 0x55 || sec[511] != 0xaa)
		goto out;
	for (int i = 0; i < 4; i++)
		gpt |= sec[MBR_TABLE + 16 * i + 4] == MBR_PROTECTIVE;
	if (gpt) {
		rc = scan_gpt(&w, sec);
		goto out;
	}
	memcpy(mbr, sec + MBR_TABLE, sizeof(mbr));
	for (int i = 0; i < 4 && rc >= 0; i++) {
		const uint8_t *e = mbr + 16 * i;

		if (is_extended(e[4]))
			rc = scan_logical(&w, sec, le32(e + 8), le32(e + 12));
		else if (e[4])
			rc = report(&w, i + 1, le32(e + 8), le32(e + 12), "MBR");
	}
out:
	free(sec);
	return rc < 0 ? rc : w.count;
}
