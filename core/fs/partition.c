/*
 * Partitions as block devices (see vmm/partition.h): one offset block
 * device per partition that partition_table.c finds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/partition.h>

#define SECTOR		512

struct part {
	struct blockdev bdev;
	struct blockdev *disk;
	uint64_t start;
	char desc[96];
};

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

static int add_part(void *arg, unsigned int n, uint64_t start, uint64_t count,
		    const char *kind)
{
	struct blockdev *disk = arg;
	struct part *p;
	int rc;

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
	p->bdev.parent = disk;
	rc = blockdev_register(&p->bdev);
	if (rc)
		free(p);
	return rc;
}

int partition_scan(struct blockdev *disk)
{
	return partition_parse(disk, add_part, disk);
}
