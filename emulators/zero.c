/*
 * The `zero` emulator: a region that reads as zero at every offset and
 * width and ignores writes; it has no state.
 */
#include <stddef.h>
#include <stdint.h>
#include <vmm/emulator.h>

static int zero_probe(struct guest *g, struct guest_region *r, void **priv)
{
	(void)g;
	(void)r;
	*priv = NULL;
	return 0;
}

static int zero_read(void *priv, uint64_t offset, unsigned int width, uint64_t *val)
{
	(void)priv;
	(void)offset;
	(void)width;
	*val = 0;
	return 0;
}

static int zero_write(void *priv, uint64_t offset, unsigned int width, uint64_t val)
{
	(void)priv;
	(void)offset;
	(void)width;
	(void)val;
	return 0;
}

static void zero_nop(void *priv)
{
	(void)priv;
}

static const char *const zero_compat[] = { "zero", NULL };

VMM_EMULATOR(zero_emu) = {
	.name = "zero",
	.compatible = zero_compat,
	.probe = zero_probe,
	.read = zero_read,
	.write = zero_write,
	.reset = zero_nop,
	.remove = zero_nop,
};
