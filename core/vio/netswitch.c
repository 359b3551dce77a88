/*
 * Virtual network switches and their ports (vmm/netswitch.h): the switch
 * and port registries, attach/detach, synchronous frame delivery through
 * the switch's policy, per-port counters and the listing snapshots.  One
 * global lock (irqsave) covers all of it, so a port never receives after
 * it left its switch and a policy's state needs no lock of its own.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/list.h>
#include <vmm/netswitch.h>
#include <vmm/spinlock.h>

struct netswitch {
	struct list_head node;
	struct list_head ports;
	char name[NETSWITCH_NAME_LEN];
	const struct netswitch_policy *policy;
	unsigned int nports;
	void *priv;
};

struct netport {
	struct list_head node;		/* in all_ports */
	struct list_head sw_node;	/* in sw->ports */
	struct netswitch *sw;
	char name[NETPORT_NAME_LEN];
	uint8_t mac[NET_MAC_LEN];
	netport_rx_fn rx;
	void *priv;
	uint64_t tx_frames;
	uint64_t rx_frames;
	uint64_t rx_dropped;
};

static spinlock_t net_lock = SPINLOCK_INIT;
static LIST_HEAD(all_switches);
static LIST_HEAD(all_ports);
static int net_delivered;	/* by the netport_send() in progress */

const struct netswitch_policy *netswitch_policy_find(const char *name)
{
	vmm_table_foreach(const struct netswitch_policy, vmm_net_policies, p)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

static struct netswitch *switch_find(const char *name)
{
	struct netswitch *sw;

	list_for_each_entry(sw, &all_switches, node)
		if (!strcmp(sw->name, name))
			return sw;
	return NULL;
}

int netswitch_create(const char *policy, const char *name, int argc, char **argv)
{
	const struct netswitch_policy *pol = netswitch_policy_find(policy);
	struct netswitch *sw;
	unsigned long flags;
	int ret;

	if (!name[0] || strlen(name) >= NETSWITCH_NAME_LEN)
		return -EINVAL;
	if (!pol)
		return -ENOENT;
	sw = calloc(1, sizeof(*sw));
	if (!sw)
		return -ENOMEM;
	sw->priv = pol->priv_size ? calloc(1, pol->priv_size) : NULL;
	if (pol->priv_size && !sw->priv) {
		free(sw);
		return -ENOMEM;
	}
	strcpy(sw->name, name);
	sw->policy = pol;
	INIT_LIST_HEAD(&sw->ports);
	ret = pol->init ? pol->init(sw, argc, argv) : (argc ? -EINVAL : 0);
	if (!ret) {
		spin_lock_irqsave(&net_lock, flags);
		if (switch_find(name))
			ret = -EEXIST;
		else
			list_add_tail(&sw->node, &all_switches);
		spin_unlock_irqrestore(&net_lock, flags);
	}
	if (ret) {
		free(sw->priv);
		free(sw);
	}
	return ret;
}

int netswitch_destroy(const char *name)
{
	struct netswitch *sw;
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&net_lock, flags);
	sw = switch_find(name);
	if (!sw)
		ret = -ENOENT;
	else if (sw->nports)
		ret = -EBUSY;
	else
		list_del_init(&sw->node);
	spin_unlock_irqrestore(&net_lock, flags);
	if (!ret) {
		free(sw->priv);
		free(sw);
	}
	return ret;
}

void *netswitch_priv(struct netswitch *sw)
{
	return sw->priv;
}

void netswitch_deliver(struct netswitch *sw, struct netport *dst, const uint8_t *frame,
		       size_t len)
{
	(void)sw;
	if (dst->rx(dst->priv, frame, len) < 0) {
		dst->rx_dropped++;
	} else {
		dst->rx_frames++;
		net_delivered++;
	}
}

void netswitch_flood(struct netswitch *sw, struct netport *src, const uint8_t *frame,
		     size_t len)
{
	struct netport *p;

	list_for_each_entry(p, &sw->ports, sw_node)
		if (p != src)
			netswitch_deliver(sw, p, frame, len);
}

struct netport *netswitch_port_with_mac(struct netswitch *sw, const uint8_t *mac)
{
	struct netport *p;

	list_for_each_entry(p, &sw->ports, sw_node)
		if (!memcmp(p->mac, mac, NET_MAC_LEN))
			return p;
	return NULL;
}

struct netport *netport_create(const char *name, const uint8_t *mac, netport_rx_fn rx,
			       void *priv)
{
	struct netport *p;
	unsigned long flags;

	if (strlen(name) >= NETPORT_NAME_LEN || !rx)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	strcpy(p->name, name);
	if (mac)
		memcpy(p->mac, mac, NET_MAC_LEN);
	p->rx = rx;
	p->priv = priv;
	INIT_LIST_HEAD(&p->sw_node);
	spin_lock_irqsave(&net_lock, flags);
	list_add_tail(&p->node, &all_ports);
	spin_unlock_irqrestore(&net_lock, flags);
	return p;
}

static void detach_locked(struct netport *p)
{
	struct netswitch *sw = p->sw;

	if (!sw)
		return;
	if (sw->policy->port_removed)
		sw->policy->port_removed(sw, p);
	list_del_init(&p->sw_node);
	sw->nports--;
	p->sw = NULL;
}

void netport_destroy(struct netport *p)
{
	unsigned long flags;

	if (!p)
		return;
	spin_lock_irqsave(&net_lock, flags);
	detach_locked(p);
	list_del_init(&p->node);
	spin_unlock_irqrestore(&net_lock, flags);
	free(p);
}

int netport_attach(struct netport *p, const char *sw_name)
{
	struct netswitch *sw;
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&net_lock, flags);
	sw = switch_find(sw_name);
	if (p->sw)
		ret = -EBUSY;
	else if (!sw)
		ret = -ENOENT;
	else {
		list_add_tail(&p->sw_node, &sw->ports);
		sw->nports++;
		p->sw = sw;
	}
	spin_unlock_irqrestore(&net_lock, flags);
	return ret;
}

void netport_detach(struct netport *p)
{
	unsigned long flags;

	spin_lock_irqsave(&net_lock, flags);
	detach_locked(p);
	spin_unlock_irqrestore(&net_lock, flags);
}

int netport_send(struct netport *p, const void *frame, size_t len)
{
	unsigned long flags;
	int ret;

	if (len < NET_ETH_HLEN)
		return -EINVAL;
	spin_lock_irqsave(&net_lock, flags);
	if (!p->sw) {
		spin_unlock_irqrestore(&net_lock, flags);
		return -ENOTCONN;
	}
	p->tx_frames++;
	net_delivered = 0;
	p->sw->policy->forward(p->sw, p, frame, len);
	ret = net_delivered;
	spin_unlock_irqrestore(&net_lock, flags);
	return ret;
}

int netswitch_snapshot(struct netswitch_info **out)
{
	struct netswitch *sw;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&net_lock, flags);
	list_for_each_entry(sw, &all_switches, node)
		n++;
	*out = calloc(n ? n : 1, sizeof(**out));
	n = 0;
	if (*out) {
		list_for_each_entry(sw, &all_switches, node) {
			strcpy((*out)[n].name, sw->name);
			(*out)[n].policy = sw->policy->name;
			(*out)[n++].ports = sw->nports;
		}
	}
	spin_unlock_irqrestore(&net_lock, flags);
	return *out ? n : -ENOMEM;
}

int netport_snapshot(struct netport_info **out)
{
	struct netport *p;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&net_lock, flags);
	list_for_each_entry(p, &all_ports, node)
		n++;
	*out = calloc(n ? n : 1, sizeof(**out));
	n = 0;
	if (*out) {
		list_for_each_entry(p, &all_ports, node) {
			struct netport_info *i = &(*out)[n++];

			strcpy(i->name, p->name);
			strcpy(i->switch_name, p->sw ? p->sw->name : "");
			memcpy(i->mac, p->mac, NET_MAC_LEN);
			i->tx_frames = p->tx_frames;
			i->rx_frames = p->rx_frames;
			i->rx_dropped = p->rx_dropped;
		}
	}
	spin_unlock_irqrestore(&net_lock, flags);
	return *out ? n : -ENOMEM;
}
