/*
 * The `simplefb-0.1` emulator: the framebuffer control block the guest
 * firmware reads to describe its display to Linux (Xvisor layout, 32-bit
 * registers): magic, vendor, version, the pixel format string one
 * character per word, width, height, stride and the framebuffer base
 * (a guest physical address).  Values come from the region properties
 * `base`, and optionally `mode`, `width`, `height` and `stride` (default
 * r5g6b5 1024x768, stride 2048).  No host framebuffer is mirrored.  Reads
 * at or beyond 0x80 are errors; writes are ignored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/devtree.h>
#include <vmm/emulator.h>
#include <vmm/guest.h>

#include "regs32.h"

#define SIMPLEFB_MAGIC		0xa4a297a6
#define SIMPLEFB_VENDOR		0x52535658
#define SIMPLEFB_VERSION	1
#define SIMPLEFB_MODE		0x10
#define SIMPLEFB_MODE_CHARS	16
#define SIMPLEFB_WIDTH		0x50
#define SIMPLEFB_HEIGHT		0x54
#define SIMPLEFB_STRIDE		0x58
#define SIMPLEFB_BASE_HI	0x5c
#define SIMPLEFB_BASE_LO	0x60
#define SIMPLEFB_END		0x80

struct simplefb {
	char mode[SIMPLEFB_MODE_CHARS + 1];
	uint32_t width, height, stride;
	uint64_t base;
};

static int simplefb_word(void *priv, uint64_t offset, uint32_t *word)
{
	struct simplefb *fb = priv;

	if (offset >= SIMPLEFB_END)
		return -EINVAL;
	switch (offset) {
	case 0x00:
		*word = SIMPLEFB_MAGIC;
		break;
	case 0x04:
		*word = SIMPLEFB_VENDOR;
		break;
	case 0x08:
		*word = SIMPLEFB_VERSION;
		break;
	case SIMPLEFB_MODE ... SIMPLEFB_WIDTH - 4:
		*word = (unsigned char)fb->mode[(offset - SIMPLEFB_MODE) / 4];
		break;
	case SIMPLEFB_WIDTH:
		*word = fb->width;
		break;
	case SIMPLEFB_HEIGHT:
		*word = fb->height;
		break;
	case SIMPLEFB_STRIDE:
		*word = fb->stride;
		break;
	case SIMPLEFB_BASE_HI:
		*word = (uint32_t)(fb->base >> 32);
		break;
	case SIMPLEFB_BASE_LO:
		*word = (uint32_t)fb->base;
		break;
	default:
		*word = 0;
		break;
	}
	return 0;
}

static int simplefb_read(void *priv, uint64_t offset, unsigned int width, uint64_t *val)
{
	return regs32_read(priv, simplefb_word, offset, width, val);
}

static int simplefb_write(void *priv, uint64_t offset, unsigned int width, uint64_t val)
{
	(void)priv;
	(void)width;
	(void)val;
	return offset < SIMPLEFB_END ? 0 : -EINVAL;
}

static void simplefb_reset(void *priv)
{
	(void)priv;
}

static int simplefb_probe(struct guest *g, struct guest_region *r, void **priv)
{
	struct simplefb *fb = calloc(1, sizeof(*fb));
	const char *mode;

	(void)g;
	if (!fb)
		return -ENOMEM;
	mode = devtree_path_read_string(r->node_path, "mode");
	strncpy(fb->mode, mode ? mode : "r5g6b5", SIMPLEFB_MODE_CHARS);
	fb->width = 1024;
	fb->height = 768;
	fb->stride = 2048;
	devtree_path_read_u32(r->node_path, "width", &fb->width);
	devtree_path_read_u32(r->node_path, "height", &fb->height);
	devtree_path_read_u32(r->node_path, "stride", &fb->stride);
	devtree_path_read_u64(r->node_path, "base", &fb->base);
	*priv = fb;
	return 0;
}

static void simplefb_remove(void *priv)
{
	free(priv);
}

static const char *const simplefb_compat[] = { "simplefb-0.1", NULL };

VMM_EMULATOR(simplefb_emu) = {
	.name = "simplefb",
	.compatible = simplefb_compat,
	.probe = simplefb_probe,
	.read = simplefb_read,
	.write = simplefb_write,
	.reset = simplefb_reset,
	.remove = simplefb_remove,
};
