/*
 * The `vserial` command: list the virtual serial ports, bind the console
 * to one (guest output shown live with the "[<name>] " prefix, keys typed
 * forwarded to the device until ESC x q), or dump a port's buffered
 * output.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <vmm/cmd.h>
#include <vmm/console.h>
#include <vmm/vserial.h>

/* A receiver that decorates the port's output onto the console. */
struct console_rcv {
	struct vserial_receiver rcv;
	struct vserial_deco deco;
	size_t limit;		/* raw bytes still to show; SIZE_MAX: all */
};

static void console_emit(void *arg, const char *buf, size_t len)
{
	(void)arg;
	console_write_raw(buf, len);
}

static void console_rcv_out(struct vserial_receiver *r, const char *buf, size_t len)
{
	struct console_rcv *c = container_of(r, struct console_rcv, rcv);

	if (len > c->limit)
		len = c->limit;
	c->limit -= len;
	vserial_deco_feed(&c->deco, buf, len);
}

static void console_rcv_init(struct console_rcv *c, struct vserial *vs, size_t limit)
{
	c->rcv.out = console_rcv_out;
	c->rcv.gone = NULL;
	c->limit = limit;
	vserial_deco_init(&c->deco, vserial_name(vs), console_emit, NULL);
}

static void print_port(struct vserial *vs, void *arg)
{
	(void)arg;
	printf(" %-39s\n", vserial_name(vs));
}

static int vserial_list(int argc, char **argv)
{
	static const char ruler[] = "----------------------------------------\n";

	(void)argc;
	(void)argv;
	printf("%s", ruler);
	printf(" %-39s\n", "Name");
	printf("%s", ruler);
	vserial_for_each(print_port, NULL);
	printf("%s", ruler);
	return 0;
}

static struct vserial *find_port(const char *name)
{
	struct vserial *vs = vserial_find(name);

	if (!vs)
		printf("Failed to find virtual serial port\n");
	return vs;
}

static int vserial_bind(int argc, char **argv)
{
	const char *name = argv[2];
	struct vserial *vs = find_port(name);
	struct vserial_keys keys;
	struct console_rcv c;
	char out[VSERIAL_SEQ_MAX + 1];
	int rc = 0;

	(void)argc;
	if (!vs)
		return -ENOENT;
	console_rcv_init(&c, vs, SIZE_MAX);
	vserial_keys_init(&keys, name);
	console_write_raw(c.deco.prefix, c.deco.prefix_len);
	vserial_attach(vs, &c.rcv);
	for (;;) {
		int key = console_getc();
		int n;

		if (key < 0) {
			rc = key;
			break;
		}
		n = vserial_keys_feed(&keys, (char)key, out);
		if (n < 0)
			break;
		rc = vserial_receive_all(vs, out, (size_t)n);
		if (rc)
			break;
	}
	vserial_detach(vs, &c.rcv);
	printf("\n");
	return rc;
}

static int vserial_dump(int argc, char **argv)
{
	unsigned long limit = SIZE_MAX;
	struct console_rcv c;
	struct vserial *vs;

	if (argc > 3 && vmm_cmd_parse_ulong(argv[3], &limit)) {
		printf("Invalid byte count %s\n", argv[3]);
		return -EINVAL;
	}
	vs = find_port(argv[2]);
	if (!vs)
		return -ENOENT;
	console_rcv_init(&c, vs, limit);
	console_write_raw(c.deco.prefix, c.deco.prefix_len);
	vserial_attach(vs, &c.rcv);
	vserial_detach(vs, &c.rcv);
	printf("\n");
	return 0;
}

static const struct vmm_subcmd vserial_subcmds[] = {
	{ "list", 0, 0, vserial_list, NULL },
	{ "bind", 1, 1, vserial_bind, "<name>" },
	{ "dump", 1, 2, vserial_dump, "<name> [<bytes>]" },
};

VMM_CMD(vserial_cmd) = {
	.name = "vserial",
	.desc = "virtual serial port commands",
	VMM_SUBCMDS(vserial_subcmds),
};
