/*
 * SHA-256 message digest (FIPS 180-4), incremental: init, any number of
 * updates, final writes the 32-byte digest.  Used by "vfs sha256" and
 * "memory sha256".
 */
#ifndef VMM_SHA256_H
#define VMM_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE	32

struct sha256_ctx {
	uint32_t state[8];
	uint64_t bytes;
	uint8_t buf[64];
};

void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
void sha256_final(struct sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE]);

#endif
