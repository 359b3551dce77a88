/*
 * MD5 (RFC 1321 appendix A.5) and SHA-256 (FIPS 180-4 examples) test
 * vectors, fed whole and in uneven pieces, plus the one-million-'a' case;
 * CRC-32 check values, whole and in pieces.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <vmm/crc32.h>
#include <vmm/md5.h>
#include <vmm/sha256.h>
#include "unit.h"

static void hex(const uint8_t *d, int n, char *out)
{
	for (int i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void md5_hex(const char *msg, size_t len, size_t piece, char out[33])
{
	struct md5_ctx c;
	uint8_t d[MD5_DIGEST_SIZE];

	md5_init(&c);
	for (size_t off = 0; off < len; off += piece)
		md5_update(&c, msg + off, len - off < piece ? len - off : piece);
	md5_final(&c, d);
	hex(d, sizeof(d), out);
}

static void sha_hex(const char *msg, size_t len, size_t piece, char out[65])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&c);
	for (size_t off = 0; off < len; off += piece)
		sha256_update(&c, msg + off, len - off < piece ? len - off : piece);
	sha256_final(&c, d);
	hex(d, sizeof(d), out);
}

static const char *const md5_vec[][2] = {
	{ "", "d41d8cd98f00b204e9800998ecf8427e" },
	{ "a", "0cc175b9c0f1b6a831c399e269772661" },
	{ "abc", "900150983cd24fb0d6963f7d28e17f72" },
	{ "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
	{ "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b" },
	{ "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
	  "d174ab98d277d9f5a5611c2c9f419d9f" },
	{ "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
	  "57edf4a22be3c955ac49da2e2107b67a" },
};

static const char *const sha_vec[][2] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
};

UNIT_TEST(md5_vectors)
{
	char out[33];

	for (size_t i = 0; i < sizeof(md5_vec) / sizeof(md5_vec[0]); i++) {
		size_t len = strlen(md5_vec[i][0]);

		md5_hex(md5_vec[i][0], len, len ? len : 1, out);
		CHECK_STR(out, md5_vec[i][1]);
		md5_hex(md5_vec[i][0], len, 7, out);
		CHECK_STR(out, md5_vec[i][1]);
	}
}

UNIT_TEST(sha256_vectors)
{
	char out[65];

	for (size_t i = 0; i < sizeof(sha_vec) / sizeof(sha_vec[0]); i++) {
		size_t len = strlen(sha_vec[i][0]);

		sha_hex(sha_vec[i][0], len, len ? len : 1, out);
		CHECK_STR(out, sha_vec[i][1]);
		sha_hex(sha_vec[i][0], len, 13, out);
		CHECK_STR(out, sha_vec[i][1]);
	}
}

UNIT_TEST(million_a)
{
	static char a[1000000];
	char out[65];

	memset(a, 'a', sizeof(a));
	md5_hex(a, sizeof(a), 4099, out);
	CHECK_STR(out, "7707d6ae4e027c70eea2a935c2296f21");
	sha_hex(a, sizeof(a), 65536, out);
	CHECK_STR(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

UNIT_TEST(crc32_check_values)
{
	static const char msg[] = "The quick brown fox jumps over the lazy dog";

	CHECK_EQ(crc32_update(0, "", 0), 0);
	CHECK_EQ(crc32_update(0, "123456789", 9), 0xcbf43926);
	CHECK_EQ(crc32_update(0, "a", 1), 0xe8b7be43);
	CHECK_EQ(crc32_update(0, msg, strlen(msg)), 0x414fa339);
	CHECK_EQ(crc32_update(crc32_update(0, msg, 10), msg + 10, strlen(msg) - 10), 0x414fa339);
}

UNIT_MAIN();
