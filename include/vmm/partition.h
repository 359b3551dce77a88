/*
 * Partitions: partition_scan() reads the MBR (primary entries) or, behind
 * a protective MBR, the GPT of a disk and registers each partition as a
 * block device of its own named <disk><n> (vda1, vda2, ...; n is the MBR
 * slot or the GPT entry number, from 1).  A partition reads and writes
 * through its disk at an offset, bounds-checked to its own extent, and
 * its flush flushes the disk.  Entries that do not fit inside the disk
 * are skipped with a message; a disk with no table gets no partitions.
 * Returns the number of partitions registered.
 */
#ifndef VMM_PARTITION_H
#define VMM_PARTITION_H

#include <vmm/blockdev.h>

int partition_scan(struct blockdev *disk);

#endif
