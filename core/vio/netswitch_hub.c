/*
 * The `hub` switch policy: every frame goes to every other port of the
 * switch, whatever its destination.
 */
#include <vmm/netswitch.h>

static void hub_forward(struct netswitch *sw, struct netport *src, const uint8_t *frame,
			size_t len)
{
	netswitch_flood(sw, src, frame, len);
}

VMM_NET_POLICY(net_hub_policy) = {
	.name = "hub",
	.desc = "flood every frame to all other ports",
	.forward = hub_forward,
};
