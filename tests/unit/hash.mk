# Host unit test of the MD5, SHA-256 and CRC-32 implementations against published
# test vectors.
unit-tests += hash
hash-srcs := tests/unit/test_hash.c libs/hash/block_hash.c libs/hash/md5.c libs/hash/sha256.c \
	libs/hash/crc32.c
