/*
 * The random-byte generator behind virtio-rng: xoshiro256** under one
 * lock.  Every request first stirs the state with the timebase counter
 * and, when the architecture has a hardware source, with 64 fresh bits
 * from it (splitmix64 spreads each input over the whole state).  Its
 * quality without hardware entropy is described in vmm/entropy.h.
 */
#include <string.h>
#include <vmm/entropy.h>
#include <vmm/spinlock.h>
#include <vmm/timer.h>

static uint64_t state[4];
static bool seeded;
static spinlock_t entropy_lock = SPINLOCK_INIT;

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t next(void)
{
	uint64_t out = rotl(state[1] * 5, 7) * 9, t = state[1] << 17;

	state[2] ^= state[0];
	state[3] ^= state[1];
	state[1] ^= state[2];
	state[0] ^= state[3];
	state[2] ^= t;
	state[3] = rotl(state[3], 45);
	return out;
}

static void stir(uint64_t input)
{
	for (int i = 0; i < 4; i++)
		state[i] ^= splitmix64(&input);
	if (!(state[0] | state[1] | state[2] | state[3]))
		state[0] = 1;
}

static uint64_t hw_bits(void)
{
	uint64_t v = 0;
	uint16_t w;

	for (int i = 0; i < 4 && !arch_entropy_read16(&w); i++)
		v = (v << 16) | w;
	return v;
}

void entropy_fill(void *buf, size_t len)
{
	unsigned long flags;
	uint8_t *p = buf;

	spin_lock_irqsave(&entropy_lock, flags);
	if (!seeded) {
		stir(0x726e67 ^ timer_ticks());
		seeded = true;
	}
	stir(timer_ticks());
	if (arch_entropy_available())
		stir(hw_bits());
	while (len) {
		uint64_t r = next();
		size_t n = len < sizeof(r) ? len : sizeof(r);

		memcpy(p, &r, n);
		p += n;
		len -= n;
	}
	spin_unlock_irqrestore(&entropy_lock, flags);
}

const char *entropy_source(void)
{
	return arch_entropy_available() ? "Zkr seed CSR + xoshiro256**"
					: "timer-seeded xoshiro256** (not cryptographic)";
}
