/*
 * CRC-32 as used by Ethernet, zlib and gzip (reflected polynomial
 * 0xEDB88320, initial value and final XOR 0xFFFFFFFF): crc32("123456789")
 * is 0xCBF43926.  crc32_update() continues a running value, so a message
 * may be fed in pieces: start with crc = 0.
 */
#ifndef VMM_CRC32_H
#define VMM_CRC32_H

#include <stddef.h>
#include <stdint.h>

uint32_t crc32_update(uint32_t crc, const void *data, size_t len);

#endif
