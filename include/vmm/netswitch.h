/*
 * Virtual network switches (the `net` command).  A switch has a name, a
 * policy and the ports attached to it; a port is one guest network device
 * (or a test's endpoint), named "<guest>/<node>", with a receive callback.
 * A frame sent on a port goes, synchronously and before netport_send()
 * returns, to the receive callbacks of the ports the switch's policy
 * chooses: `bridge` learns source MACs per port and floods broadcast,
 * multicast and unknown destinations; `hub` floods everything.  A frame
 * never goes back to its sender.  Policies register with
 * VMM_NET_POLICY.
 *
 * Locking: one global lock serialises switches, ports, MAC tables and
 * delivery, so receive callbacks run with it held and must neither sleep
 * nor call back into this API, nor spin on a lock whose holder may be
 * sending (use a try-lock and drop or defer the frame instead).  A port
 * detached (or destroyed) gets no callback after the call returns.
 */
#ifndef VMM_NETSWITCH_H
#define VMM_NETSWITCH_H

#include <stddef.h>
#include <stdint.h>
#include <vmm/table.h>

#define NET_MAC_LEN		6
#define NET_ETH_HLEN		14
#define NETSWITCH_NAME_LEN	32
#define NETPORT_NAME_LEN	80

struct netswitch;
struct netport;

/* Receive one frame: 0 if taken, a negative errno if dropped (no buffer). */
typedef int (*netport_rx_fn)(void *priv, const void *frame, size_t len);

struct netswitch_policy {
	const char *name;
	const char *desc;
	size_t priv_size;	/* zeroed per-switch state, netswitch_priv() */
	/* Optional: parse `switch create` extra arguments. */
	int (*init)(struct netswitch *sw, int argc, char **argv);
	/* Send frame from src to the ports it chooses (netswitch_deliver /
	 * netswitch_flood). */
	void (*forward)(struct netswitch *sw, struct netport *src, const uint8_t *frame,
			size_t len);
	/* Optional: forget port p (it is leaving the switch). */
	void (*port_removed)(struct netswitch *sw, struct netport *p);
};

#define VMM_NET_POLICY(var) \
	static const struct netswitch_policy var VMM_TABLE_ENTRY(vmm_net_policies)

VMM_TABLE_DECLARE(const struct netswitch_policy, vmm_net_policies);

const struct netswitch_policy *netswitch_policy_find(const char *name);

/* 0, -EINVAL (bad name or arguments), -ENOENT (no such policy), -EEXIST,
 * -ENOMEM. */
int netswitch_create(const char *policy, const char *name, int argc, char **argv);
/* 0, -ENOENT, or -EBUSY while ports are attached (nothing is changed). */
int netswitch_destroy(const char *name);

/* For policies, with the global lock held (inside forward/port_removed). */
void *netswitch_priv(struct netswitch *sw);
void netswitch_deliver(struct netswitch *sw, struct netport *dst, const uint8_t *frame,
		       size_t len);
void netswitch_flood(struct netswitch *sw, struct netport *src, const uint8_t *frame,
		     size_t len);
/* For policies: the port of sw configured with mac (netport_create), or NULL. */
struct netport *netswitch_port_with_mac(struct netswitch *sw, const uint8_t *mac);

/* A port, unattached; mac is shown in listings (may be NULL). */
struct netport *netport_create(const char *name, const uint8_t *mac, netport_rx_fn rx,
			       void *priv);
/* Detaches, then frees. */
void netport_destroy(struct netport *p);
/* Join switch sw_name: 0, -ENOENT (no such switch), -EBUSY (attached). */
int netport_attach(struct netport *p, const char *sw_name);
void netport_detach(struct netport *p);
/*
 * Send one Ethernet frame (at least NET_ETH_HLEN bytes): the number of
 * ports it was handed to (0 if all dropped it or none was chosen),
 * -ENOTCONN when the port is on no switch, -EINVAL for a runt frame.
 */
int netport_send(struct netport *p, const void *frame, size_t len);

struct netswitch_info {
	char name[NETSWITCH_NAME_LEN];
	const char *policy;
	unsigned int ports;
};

struct netport_info {
	char name[NETPORT_NAME_LEN];
	char switch_name[NETSWITCH_NAME_LEN];	/* "" when unconnected */
	uint8_t mac[NET_MAC_LEN];
	uint64_t tx_frames;
	uint64_t rx_frames;
	uint64_t rx_dropped;
};

/*
 * Snapshots, in creation order, into a malloc()ed array the caller frees:
 * the count, or -ENOMEM (*out is then NULL).
 */
int netswitch_snapshot(struct netswitch_info **out);
int netport_snapshot(struct netport_info **out);

#endif
