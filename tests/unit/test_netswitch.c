/*
 * Unit tests of the virtual switches (core/vio/netswitch.c, the bridge and hub
 * policies) and of the "net" command: switch create/destroy errors, a
 * bridge learning MACs and flooding broadcast and unknown destinations, a
 * bridge keeping each MAC with its live port (no stealing), a
 * hub flooding everything, drops counted when a receiver refuses, port
 * removal forgetting learnt MACs, and the command's listings.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmm/cmd.h>
#include <vmm/netswitch.h>
#include "capture.h"
#include "unit.h"

struct sink {
	int frames;
	size_t last_len;
	uint8_t last[64];
	int refuse;		/* answer -ENOBUFS */
};

static int sink_rx(void *priv, const void *frame, size_t len)
{
	struct sink *s = priv;

	if (s->refuse)
		return -ENOBUFS;
	s->frames++;
	s->last_len = len;
	memcpy(s->last, frame, len < sizeof(s->last) ? len : sizeof(s->last));
	return 0;
}

static const uint8_t MAC_A[6] = { 2, 0, 0, 0, 0, 0xa };
static const uint8_t MAC_B[6] = { 2, 0, 0, 0, 0, 0xb };
static const uint8_t MAC_C[6] = { 2, 0, 0, 0, 0, 0xc };
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* A 60-byte frame dst <- src, payload tagged with tag. */
static const uint8_t *frame(const uint8_t *dst, const uint8_t *src, uint8_t tag)
{
	static uint8_t f[60];

	memset(f, tag, sizeof(f));
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = 0x08;
	f[13] = 0x00;
	return f;
}

static struct sink sa, sb, sc;
static struct netport *pa, *pb, *pc;

static void three_ports(const char *policy)
{
	memset(&sa, 0, sizeof(sa));
	memset(&sb, 0, sizeof(sb));
	memset(&sc, 0, sizeof(sc));
	CHECK_EQ(netswitch_create(policy, "sw", 0, NULL), 0);
	pa = netport_create("g0/net0", MAC_A, sink_rx, &sa);
	pb = netport_create("g1/net0", MAC_B, sink_rx, &sb);
	pc = netport_create("g2/net0", MAC_C, sink_rx, &sc);
	CHECK(pa && pb && pc);
	CHECK_EQ(netport_attach(pa, "sw"), 0);
	CHECK_EQ(netport_attach(pb, "sw"), 0);
	CHECK_EQ(netport_attach(pc, "sw"), 0);
}

static void teardown(void)
{
	netport_destroy(pa);
	netport_destroy(pb);
	netport_destroy(pc);
	CHECK_EQ(netswitch_destroy("sw"), 0);
}

static const char *run(const char *line, int *rc)
{
	static char buf[VMM_CMD_LINE_MAX];

	snprintf(buf, sizeof(buf), "%s", line);
	capture_begin();
	*rc = vmm_cmd_exec_line(buf);
	return capture_end();
}

UNIT_TEST(test_switch_create_destroy_errors)
{
	struct netport *p;
	struct sink s = { 0 };

	CHECK_EQ(netswitch_create("nosuch", "x", 0, NULL), -ENOENT);
	CHECK_EQ(netswitch_create("bridge", "", 0, NULL), -EINVAL);
	CHECK_EQ(netswitch_create("hub", "h", 1, (char *[]){ "arg" }), -EINVAL);
	CHECK_EQ(netswitch_create("bridge", "br0", 0, NULL), 0);
	CHECK_EQ(netswitch_create("hub", "br0", 0, NULL), -EEXIST);
	CHECK_EQ(netswitch_destroy("nosuch"), -ENOENT);
	p = netport_create("g/n", NULL, sink_rx, &s);
	CHECK(p != NULL);
	CHECK_EQ(netport_attach(p, "nosuch"), -ENOENT);
	CHECK_EQ(netport_send(p, frame(BCAST, MAC_A, 1), 60), -ENOTCONN);
	CHECK_EQ(netport_attach(p, "br0"), 0);
	CHECK_EQ(netport_attach(p, "br0"), -EBUSY);
	CHECK_EQ(netport_send(p, frame(BCAST, MAC_A, 1), 10), -EINVAL);
	CHECK_EQ(netswitch_destroy("br0"), -EBUSY);
	netport_detach(p);
	CHECK_EQ(netswitch_destroy("br0"), 0);
	netport_destroy(p);
}

UNIT_TEST(test_bridge_learns_and_floods)
{
	three_ports("bridge");
	/* Unknown destination: flooded to all but the sender. */
	CHECK_EQ(netport_send(pa, frame(MAC_B, MAC_A, 1), 60), 2);
	CHECK_EQ(sa.frames, 0);
	CHECK_EQ(sb.frames, 1);
	CHECK_EQ(sc.frames, 1);
	CHECK_EQ(sb.last[20], 1);
	CHECK_EQ(sb.last_len, 60);
	/* B answers A, whose MAC was learnt: only A gets it. */
	CHECK_EQ(netport_send(pb, frame(MAC_A, MAC_B, 2), 60), 1);
	CHECK_EQ(sa.frames, 1);
	CHECK_EQ(sc.frames, 1);
	CHECK_EQ(sa.last[20], 2);
	/* Both known now: unicast only. */
	CHECK_EQ(netport_send(pa, frame(MAC_B, MAC_A, 3), 60), 1);
	CHECK_EQ(sb.frames, 2);
	CHECK_EQ(sc.frames, 1);
	/* Broadcast is always flooded. */
	CHECK_EQ(netport_send(pb, frame(BCAST, MAC_B, 4), 60), 2);
	CHECK_EQ(sa.frames, 2);
	CHECK_EQ(sc.frames, 2);
	/* B sending with A's MAC goes nowhere (the MAC is A's). */
	CHECK_EQ(netport_send(pb, frame(MAC_B, MAC_A, 5), 60), 0);
	CHECK_EQ(sa.frames, 2);
	CHECK_EQ(sb.frames, 2);
	CHECK_EQ(sc.frames, 2);
	teardown();
}

/* No port may take another live port's MAC: not one configured for
 * another port, nor one learnt on another port; such frames are dropped
 * and the owner keeps receiving its traffic. */
UNIT_TEST(test_bridge_keeps_macs_with_their_ports)
{
	static const uint8_t MAC_X[6] = { 2, 0, 0, 0, 0, 0x77 };

	three_ports("bridge");
	/* C claims A's configured MAC before A ever sent anything: dropped. */
	CHECK_EQ(netport_send(pc, frame(BCAST, MAC_A, 1), 60), 0);
	CHECK_EQ(sa.frames + sb.frames, 0);
	/* So traffic for A still reaches A only after A speaks. */
	CHECK_EQ(netport_send(pa, frame(BCAST, MAC_A, 2), 60), 2);
	CHECK_EQ(netport_send(pb, frame(MAC_A, MAC_B, 3), 60), 1);
	CHECK_EQ(sa.frames, 1);
	CHECK_EQ(sc.frames, 1);
	/* A MAC no port is configured with, learnt on A, stays with A. */
	CHECK_EQ(netport_send(pa, frame(BCAST, MAC_X, 4), 60), 2);
	CHECK_EQ(netport_send(pc, frame(MAC_B, MAC_X, 5), 60), 0);
	CHECK_EQ(netport_send(pb, frame(MAC_X, MAC_B, 6), 60), 1);
	CHECK_EQ(sa.frames, 2);
	CHECK_EQ(sa.last[20], 6);
	/* Once A has left, its learnt MAC is free to be claimed. */
	netport_detach(pa);
	CHECK_EQ(netport_send(pc, frame(BCAST, MAC_X, 7), 60), 1);
	CHECK_EQ(netport_send(pb, frame(MAC_X, MAC_B, 8), 60), 1);
	CHECK_EQ(sc.last[20], 8);
	teardown();
}

UNIT_TEST(test_hub_floods_everything)
{
	three_ports("hub");
	CHECK_EQ(netport_send(pb, frame(MAC_A, MAC_B, 1), 60), 2);
	CHECK_EQ(netport_send(pa, frame(MAC_B, MAC_A, 2), 60), 2);
	/* A bridge would now send B's frames to A only. */
	CHECK_EQ(netport_send(pb, frame(MAC_A, MAC_B, 3), 60), 2);
	CHECK_EQ(sa.frames, 2);
	CHECK_EQ(sb.frames, 1);
	CHECK_EQ(sc.frames, 3);
	teardown();
}

UNIT_TEST(test_refused_frames_are_counted_drops)
{
	struct netport_info *v;
	int n;

	three_ports("hub");
	sb.refuse = 1;
	CHECK_EQ(netport_send(pa, frame(BCAST, MAC_A, 1), 60), 1);
	n = netport_snapshot(&v);
	CHECK_EQ(n, 3);
	CHECK_STR(v[0].name, "g0/net0");
	CHECK_STR(v[0].switch_name, "sw");
	CHECK_EQ(v[0].tx_frames, 1);
	CHECK_EQ(v[1].rx_frames, 0);
	CHECK_EQ(v[1].rx_dropped, 1);
	CHECK_EQ(v[2].rx_frames, 1);
	CHECK_EQ(v[2].mac[5], 0xc);
	free(v);
	teardown();
}

UNIT_TEST(test_port_removal_forgets_macs)
{
	struct netswitch_info *v;

	three_ports("bridge");
	CHECK_EQ(netport_send(pc, frame(BCAST, MAC_C, 1), 60), 2);
	CHECK_EQ(netport_send(pa, frame(MAC_C, MAC_A, 2), 60), 1);
	CHECK_EQ(sc.frames, 1);
	netport_detach(pc);
	CHECK_EQ(netswitch_snapshot(&v), 1);
	CHECK_STR(v[0].name, "sw");
	CHECK_EQ(v[0].ports, 2);
	free(v);
	/* C's MAC is unknown again: flooded to B, nothing reaches C. */
	CHECK_EQ(netport_send(pa, frame(MAC_C, MAC_A, 3), 60), 1);
	CHECK_EQ(sb.frames, 2);
	CHECK_EQ(sc.frames, 1);
	/* Destroying an attached port detaches it too. */
	netport_destroy(pb);
	pb = NULL;
	CHECK_EQ(netport_send(pa, frame(BCAST, MAC_A, 4), 60), 0);
	CHECK_EQ(sb.frames, 2);
	teardown();
}

UNIT_TEST(test_net_command)
{
	struct sink s = { 0 };
	struct netport *p;
	const char *out;
	int rc;

	out = run("net policy list", &rc);
	CHECK_EQ(rc, 0);
	CHECK(strstr(out, " bridge ") && strstr(out, " hub "));
	out = run("net switch create bridge br0", &rc);
	CHECK_EQ(rc, 0);
	CHECK_STR(out, "Created br0 switch\n");
	out = run("net switch create bridge br0", &rc);
	CHECK_EQ(rc, -EEXIST);
	CHECK(strstr(out, "Failed to create br0 switch") != NULL);
	out = run("net switch create star s1", &rc);
	CHECK_EQ(rc, -ENOENT);
	CHECK(strstr(out, "unknown policy star") != NULL);
	p = netport_create("guest0/virtio-net0", MAC_A, sink_rx, &s);
	CHECK_EQ(netport_attach(p, "br0"), 0);
	out = run("net switch list", &rc);
	CHECK_EQ(rc, 0);
	CHECK(strstr(out, " br0              bridge           1\n") != NULL);
	out = run("net port list", &rc);
	CHECK_EQ(rc, 0);
	CHECK(strstr(out, " guest0/virtio-net0       br0          02:00:00:00:00:0a") != NULL);
	out = run("net switch destroy br0", &rc);
	CHECK_EQ(rc, -EBUSY);
	CHECK(strstr(out, "Failed to destroy br0 switch: ports attached\n") == out);
	netport_destroy(p);
	out = run("net switch destroy br0", &rc);
	CHECK_EQ(rc, 0);
	CHECK_STR(out, "Destroyed br0 switch\n");
	out = run("net switch destroy br0", &rc);
	CHECK_EQ(rc, -ENOENT);
	out = run("net bogus", &rc);
	CHECK_EQ(rc, -EINVAL);
	CHECK(strstr(out, "net switch create <policy> <name> [<args>...]") != NULL);
}

UNIT_MAIN()
