/*
 * MBR and GPT partition tables (see vmm/partition.h): parse the table of a
 * disk and register one offset block device per partition.  Every number
 * read from the disk is checked against the disk size.
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

struct part {
	struct blockdev bdev;
	struct blockdev *disk;
	uint64_t start;
	char desc[96];
};

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static int part_check(struct blockdev *dev, uint64_t lba, uint32_t count)
{
	return lba > dev->block_count || count > dev->block_count - lba ? -EINVAL : 0;
}

static int part_read(struct blockdev *dev, uint64_t lba, uint32_t count, void *buf)
{
	struct part *p = dev->priv;
	int rc = part_check(dev, lba, count);

	return rc ? rc : p->disk->read(p->disk, p->start + lba, count, buf);
}

static int part_write(struct blockdev *dev, uint64_t lba, uint32_t count,
		      const void *buf)
{
	struct part *p = dev->priv;
	int rc = part_check(dev, lba, count);

	return rc ? rc : blockdev_write_blocks(p->disk, p->start + lba, count, buf);
}

static int part_flush(struct blockdev *dev)
{
	return blockdev_flush(((struct part *)dev->priv)->disk);
}

static int add_part(struct blockdev *disk, unsigned int n, uint64_t start,
		    uint64_t count, const char *kind)
{
	struct part *p;
	int rc;

	if (!count || start >= disk->block_count || count > disk->block_count - start) {
		printf("%s: partition %u (%s) lies outside the disk, skipped\n",
		       disk->name, n, kind);
		return 0;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->disk = disk;
	p->start = start;
	snprintf(p->bdev.name, sizeof(p->bdev.name), "%.27s%u", disk->name, n);
	snprintf(p->desc, sizeof(p->desc), "%s partition of %s at block %llu", kind,
		 disk->name, (unsigned long long)start);
	p->bdev.desc = p->desc;
	p->bdev.block_size = SECTOR;
	p->bdev.block_count = count;
	p->bdev.readonly = disk->readonly;
	p->bdev.read = part_read;
	p->bdev.write = part_write;
	p->bdev.flush = part_flush;
	p->bdev.priv = p;
	rc = blockdev_register(&p->bdev);
	if (rc) {
		free(p);
		return rc;
	}
	return 1;
}

static int scan_gpt(struct blockdev *disk, uint8_t *sec)
{
	uint64_t table;
	uint32_t entries, esize;
	int found = 0;

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
	for (uint32_t i = 0; i < entries; i++) {
		uint32_t per = SECTOR / esize;
		const uint8_t *e = sec + (i % per) * esize;
		static const uint8_t unused[16];
		uint64_t first, last;
		int rc;

		if (i % per == 0 &&
		    (table + i / per >= disk->block_count ||
		     disk->read(disk, table + i / per, 1, sec)))
			break;
		if (!memcmp(e, unused, 16))
			continue;
		first = le64(e + 32);
		last = le64(e + 40);
		rc = add_part(disk, i + 1, first, last >= first ? last - first + 1 : 0, "GPT");
		if (rc < 0)
			return rc;
		found += rc;
	}
	return found;
}

int partition_scan(struct blockdev *disk)
{
	uint8_t *sec;
	int found = 0, rc = 0;

	if (disk->block_size != SECTOR || disk->block_count < 2)
		return 0;
	sec = malloc(SECTOR);
	if (!sec)
		return -ENOMEM;
	if (disk->read(disk, 0, 1, sec) || sec[510] != 0x55 || sec[511] != 0xaa)
		goto out;
	for (int i = 0; i < 4 && rc >= 0; i++) {
		const uint8_t *e = sec + MBR_TABLE + 16 * i;

		if (e[4] == MBR_PROTECTIVE) {
			rc = scan_gpt(disk, sec);
			break;
		}
	}
	if (rc) {
		found = rc;
		goto out;
	}
	for (int i = 0; i < 4; i++) {
		const uint8_t *e = sec + MBR_TABLE + 16 * i;

		if (!e[4])
			continue;
		rc = add_part(disk, i + 1, le32(e + 8), le32(e + 12), "MBR");
		if (rc < 0)
			break;
		found += rc;
	}
out:
	free(sec);
	return rc < 0 ? rc : found;
}
