/*
 * The `bridge` switch policy: a learning bridge.  The source MAC of every
 * frame is recorded against the port it came from (a table of
 * BRIDGE_TABLE_SIZE entries; when full, the least recently seen entry is
 * replaced).  A MAC stays with its port while that port is on the switch:
 * a frame whose source MAC is configured for another port, or was learnt
 * on another port, is dropped (a guest cannot take another guest's
 * traffic by sending with its address).  A unicast frame to a known MAC goes to that port only (and
 * nowhere if that is the sender's own port); broadcast, multicast and
 * unknown destinations are flooded.  A port leaving the switch is
 * forgotten.  The core's global lock serialises all of it.
 */
#include <stdbool.h>
#include <string.h>
#include <vmm/netswitch.h>

#define BRIDGE_TABLE_SIZE	64

struct bridge_entry {
	uint8_t mac[NET_MAC_LEN];
	struct netport *port;	/* NULL: free slot */
	uint64_t seen;		/* bridge clock when last used as a source */
};

struct bridge {
	struct bridge_entry table[BRIDGE_TABLE_SIZE];
	uint64_t clock;
};

static struct bridge_entry *bridge_lookup(struct bridge *br, const uint8_t *mac)
{
	for (unsigned int i = 0; i < BRIDGE_TABLE_SIZE; i++)
		if (br->table[i].port && !memcmp(br->table[i].mac, mac, NET_MAC_LEN))
			return &br->table[i];
	return NULL;
}

/* Record mac on src; false if the MAC belongs to another port. */
static bool bridge_learn(struct netswitch *sw, struct bridge *br, struct netport *src,
			 const uint8_t *mac)
{
	struct bridge_entry *e = bridge_lookup(br, mac);
	struct netport *owner = netswitch_port_with_mac(sw, mac);

	if ((owner && owner != src) || (e && e->port != src))
		return false;
	if (mac[0] & 1)		/* a group address is never a source */
		return true;
	if (!e) {
		e = &br->table[0];
		for (unsigned int i = 0; i < BRIDGE_TABLE_SIZE; i++) {
			if (!br->table[i].port) {
				e = &br->table[i];
				break;
			}
			if (br->table[i].seen < e->seen)
				e = &br->table[i];
		}
		memcpy(e->mac, mac, NET_MAC_LEN);
	}
	e->port = src;
	e->seen = ++br->clock;
	return true;
}

static void bridge_forward(struct netswitch *sw, struct netport *src, const uint8_t *frame,
			   size_t len)
{
	struct bridge *br = netswitch_priv(sw);
	const uint8_t *dst = frame, *smac = frame + NET_MAC_LEN;
	struct bridge_entry *e;

	if (!bridge_learn(sw, br, src, smac))
		return;
	e = (dst[0] & 1) ? NULL : bridge_lookup(br, dst);
	if (!e)
		netswitch_flood(sw, src, frame, len);
	else if (e->port != src)
		netswitch_deliver(sw, e->port, frame, len);
}

static void bridge_port_removed(struct netswitch *sw, struct netport *p)
{
	struct bridge *br = netswitch_priv(sw);

	for (unsigned int i = 0; i < BRIDGE_TABLE_SIZE; i++)
		if (br->table[i].port == p)
			br->table[i].port = NULL;
}

VMM_NET_POLICY(net_bridge_policy) = {
	.name = "bridge",
	.desc = "learning bridge: MAC table, flood unknown and broadcast",
	.priv_size = sizeof(struct bridge),
	.forward = bridge_forward,
	.port_removed = bridge_port_removed,
};
