/*
 * A check on host physical ranges for code that takes addresses from the
 * user (RAM disks, host loads): whether a range is host RAM.
 */
#ifndef VMM_HOST_RAM_H
#define VMM_HOST_RAM_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Whether [pa, pa + size) lies inside one host RAM bank, outside every
 * reserved range (the firmware's, which PMP may protect) and does not wrap
 * around 2^64: memory the hypervisor may read and write.
 */
bool host_ram_contains(uint64_t pa, uint64_t size);

#endif
