/*
 * Block buffering and final padding for the 64-byte-block hashes (see
 * block_hash.h).
 */
#include <string.h>
#include "block_hash.h"

void block_hash_update(const struct block_hash *h, const void *data, size_t len)
{
	const uint8_t *p = data;

	while (len) {
		size_t used = *h->bytes % 64, n = 64 - used;

		if (n > len)
			n = len;
		memcpy(h->buf + used, p, n);
		*h->bytes += n;
		p += n;
		len -= n;
		if (used + n == 64)
			h->block(h->state, h->buf);
	}
}

void block_hash_pad(const struct block_hash *h, bool big_endian_length)
{
	uint64_t bits = *h->bytes * 8;
	uint8_t pad[72] = { 0x80 };
	size_t padlen = 64 - (*h->bytes + 8) % 64;

	for (int i = 0; i < 8; i++)
		pad[padlen + i] = bits >> (big_endian_length ? 56 - 8 * i : 8 * i);
	block_hash_update(h, pad, padlen + 8);
}
