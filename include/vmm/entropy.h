/*
 * Random bytes for guests (virtio-rng) from the host's best source.  The
 * architecture may offer a hardware entropy source (RISC-V Zkr `seed`
 * CSR); core/vio/entropy.c reseeds its generator from it on every request.
 * Without one, the generator (xoshiro256**) is seeded from the timebase
 * counter at first use and stirred with the counter on every request:
 * statistically fine but predictable to anyone who can guess the boot
 * timing, so NOT cryptographically strong.  entropy_source() says which.
 */
#ifndef VMM_ENTROPY_H
#define VMM_ENTROPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void entropy_fill(void *buf, size_t len);
const char *entropy_source(void);

/* Architecture hooks: whether a hardware source exists, and 16 bits from
 * it (0, or a negative errno when it has none or failed). */
bool arch_entropy_available(void);
int arch_entropy_read16(uint16_t *out);

#endif
