/*
 * The message framing shared by MD5 and SHA-256: both hash 64-byte blocks
 * and end the message with 0x80, zeros and the 64-bit bit length (little
 * endian for MD5, big endian for SHA-256).  The caller supplies its block
 * compression function.
 */
#ifndef LIBS_BLOCK_HASH_H
#define LIBS_BLOCK_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct block_hash {
	uint32_t *state;
	uint8_t *buf;		/* 64 bytes */
	uint64_t *bytes;	/* message length so far */
	void (*block)(uint32_t *state, const uint8_t *block);
};

void block_hash_update(const struct block_hash *h, const void *data, size_t len);
void block_hash_pad(const struct block_hash *h, bool big_endian_length);

#endif
