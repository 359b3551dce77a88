/*
 * Partitions: partition_scan() reads the MBR (primary entries, and the
 * logical partitions of an extended one) or, behind a protective MBR, the
 * GPT of a disk and registers each partition as a block device of its own
 * named <disk><n> (vda1, vda2, ...; n is the MBR slot, 5 and up for
 * logical partitions, or the GPT entry number, from 1).  A partition reads and writes
 * through its disk at an offset, bounds-checked to its own extent, and
 * its flush flushes the disk.  The table is untrusted: entries that do
 * not fit inside the disk are skipped with a message, a malformed GPT
 * header yields no partitions, and a disk with no table gets none.
 */
#ifndef VMM_PARTITION_H
#define VMM_PARTITION_H

#include <stdint.h>
#include <vmm/blockdev.h>

/* Register the partitions of disk: how many, or -errno. */
int partition_scan(struct blockdev *disk);

/* The parser alone (core/fs/partition_table.c): found() is called for
 * each partition that lies inside the disk, with its number, first block
 * and block count, and kind ("MBR", "MBR logical" or "GPT"); a negative return stops
 * the walk and is returned.  Otherwise returns how many were found. */
typedef int (*partition_found_t)(void *arg, unsigned int n, uint64_t start,
				 uint64_t count, const char *kind);
int partition_parse(struct blockdev *disk, partition_found_t found, void *arg);

#endif
