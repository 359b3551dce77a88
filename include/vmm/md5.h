/*
 * MD5 message digest (RFC 1321), incremental: init, any number of updates,
 * final writes the 16-byte digest.  Used by "vfs md5" and "memory md5".
 */
#ifndef VMM_MD5_H
#define VMM_MD5_H

#include <stddef.h>
#include <stdint.h>

#define MD5_DIGEST_SIZE	16

struct md5_ctx {
	uint32_t state[4];
	uint64_t bytes;
	uint8_t buf[64];
};

void md5_init(struct md5_ctx *ctx);
void md5_update(struct md5_ctx *ctx, const void *data, size_t len);
void md5_final(struct md5_ctx *ctx, uint8_t digest[MD5_DIGEST_SIZE]);

#endif
