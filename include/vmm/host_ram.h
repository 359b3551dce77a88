/*
 * A check on host physical ranges for code that takes addresses from the
 * user (RAM disks, host loads): whether a range is host RAM.
 */
#ifndef VMM_HOST_RAM_H
#define VMM_HOST_RAM_H

#include <stdbool.h>
#include <stdint.h>

/* Whether [pa, pa + size) lies inside one host RAM bank. */
bool host_ram_contains(uint64_t pa, uint64_t size);

#endif
