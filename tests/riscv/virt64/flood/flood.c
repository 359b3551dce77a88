/*
 * The flood test guest: a hostile guest and its well-behaved neighbour in
 * one bare-metal program, chosen by the start command in NOR at 0xff000.
 *   flood  both harts notify every virtio device (rng, blk, console, net)
 *          without end, each ring kept full of chains of 64 buffers of
 *          8 MiB (the same guest RAM over and over), and send IPIs to
 *          each other after every round;
 *   busy   both harts only look each other up (HSM hart status);
 *   calm   one hart takes a timer tick every 10 ms and prints
 *          "calm: tick N" every 25 ticks;
 *   imsic  (flood-aia.dtb: a vIMSIC, vCPU k's interrupt file at
 *          0x28000000 + k * 4 KiB) both harts enable identities 1..63 of
 *          their own file and write MSIs without end: 1..31 into the
 *          other hart's file, 32..63 into their own, claiming with stopei
 *          in their external-interrupt handler, plus stray MSIs that
 *          must never arrive (the guest halts if one is claimed); hart 1
 *          also waits (WFI) every 16 rounds, for hart 0's MSIs to wake it.
 * Each mode prints "<mode>: running" once it has started; flood mode then
 * prints "flood: served N" every 256 rounds (chains given back so far),
 * imsic mode "imsic: hartH peer N" and "imsic: hartH self N" for both
 * harts every 64 rounds (identities claimed so far, sent by the other
 * hart and by hart H itself).
 */
#include <stdint.h>

#define UART_BASE	0x10000000UL
#define NOR_CMD		0xff000UL
#define RING_BASE	0x80200000UL	/* 16 KiB of rings per queue */
#define RING_SLOT	0x4000UL
#define BUF_BASE	0x80400000UL	/* device buffers: 8 MiB, reused */
#define BUF_LEN		0x800000U
#define CHAIN_MAX	64
#define TICK		100000UL	/* 10 ms of the 10 MHz timebase */
#define PAUSE		2000

#define IMSIC_BASE	0x28000000UL	/* vCPU k's file at + k * 4 KiB */
#define IMSIC_FILE	0x1000UL
#define IMSIC_IDS	63		/* num_ids of flood-aia.dts */
#define PEER_IDS	31		/* 1..31 from the other hart, 32..63 own */
#define CSR_SISELECT	0x150
#define CSR_SIREG	0x151
#define CSR_STOPEI	0x15c
#define IMSIC_EIDELIVERY 0x70
#define IMSIC_EITHRESHOLD 0x72
#define IMSIC_EIE0	0xc0
#define IRQ_S_EXT	9
#define CSR_NAME(n)	#n
#define CSR(n)		CSR_NAME(n)	/* a CSR number as assembler text */

#define SBI_EXT_TIME	0x54494D45UL
#define SBI_EXT_IPI	0x735049UL
#define SBI_EXT_HSM	0x48534DUL

/* virtio-mmio, legacy layout */
#define VIO_DEVICE_ID	0x008
#define VIO_PAGE_SIZE	0x028
#define VIO_QUEUE_SEL	0x030
#define VIO_QUEUE_MAX	0x034
#define VIO_QUEUE_NUM	0x038
#define VIO_QUEUE_ALIGN	0x03c
#define VIO_QUEUE_PFN	0x040
#define VIO_NOTIFY	0x050
#define VIO_STATUS	0x070
#define DESC_F_NEXT	1
#define DESC_F_WRITE	2

struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct queue {
	uintptr_t mmio;
	unsigned int index;
	uint32_t num;
	volatile struct desc *desc;
	volatile uint16_t *avail;	/* flags, idx, ring[] */
	volatile uint16_t *used;	/* flags, idx, ... */
};

/* The devices of flood.dts: address and the queues to flood. */
static const struct {
	uintptr_t base;
	unsigned int queues;	/* bit mask */
} devices[] = {
	{ 0x20000000, 3 },	/* net: rx and tx */
	{ 0x20001000, 1 },	/* blk */
	{ 0x20002000, 2 },	/* console: tx */
	{ 0x20003000, 1 },	/* rng */
};

static struct queue queues[8];
static uint16_t seen_used[8];
static unsigned long served, rounds;
static unsigned int nqueues;
enum { MODE_BUSY = 1, MODE_FLOOD, MODE_IMSIC };
static volatile int go;		/* the mode, once hart 0 has set it up */
static volatile unsigned long ticks;
static volatile unsigned long claimed[2][2];	/* [hart][0: peer, 1: self] */

static void putc_uart(char c)
{
	volatile uint8_t *u = (volatile uint8_t *)UART_BASE;

	while (!(u[5] & 0x20))
		;
	u[0] = (uint8_t)c;
}

static void puts_uart(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			putc_uart('\r');
		putc_uart(*s);
	}
}

static void put_dec(unsigned long v)
{
	char buf[24];
	int i = 0;

	do {
		buf[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i)
		putc_uart(buf[--i]);
}

/* Say why and stop this hart (from a trap handler: interrupts stay off). */
static void halt(const char *why)
{
	puts_uart(why);
	for (;;)
		__asm__ volatile("wfi");
}

static long sbi(unsigned long eid, unsigned long fid, unsigned long a0, unsigned long a1,
		unsigned long a2)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = eid;

	__asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
	return (long)r0;
}

static uint64_t rdtime(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

static void mmio_w(uintptr_t base, unsigned int off, uint32_t v)
{
	*(volatile uint32_t *)(base + off) = v;
}

static uint32_t mmio_r(uintptr_t base, unsigned int off)
{
	return *(volatile uint32_t *)(base + off);
}

static void fill_chain(struct queue *q, uint32_t type)
{
	uint32_t n = q->num < CHAIN_MAX ? q->num : CHAIN_MAX;
	/* blk: header and status in the tail of the ring slot */
	uintptr_t scratch = (uintptr_t)q->desc + RING_SLOT - 64;
	for (uint32_t i = 0; i < n; i++) {
		volatile struct desc *d = &q->desc[i];
		int writable = !(type == 3 || (type == 1 && q->index == 1));

		d->addr = BUF_BASE;
		d->len = BUF_LEN;
		d->flags = (uint16_t)((i + 1 < n ? DESC_F_NEXT : 0) | (writable ? DESC_F_WRITE : 0));
		d->next = (uint16_t)(i + 1);
	}
	if (type == 2) {
		volatile uint32_t *hdr = (volatile uint32_t *)scratch;

		hdr[0] = 0;	/* VIRTIO_BLK_T_IN of sector 0 */
		hdr[1] = hdr[2] = hdr[3] = 0;
		q->desc[0].addr = scratch;
		q->desc[0].len = 16;
		q->desc[0].flags = DESC_F_NEXT;
		q->desc[n - 1].addr = scratch + 32;
		q->desc[n - 1].len = 1;
	}
	for (uint32_t i = 0; i < q->num; i++)
		q->avail[2 + i] = 0;	/* every slot offers chain 0 */
}

static void setup_device(uintptr_t base, unsigned int mask)
{
	uint32_t type = mmio_r(base, VIO_DEVICE_ID);

	mmio_w(base, VIO_STATUS, 0);
	mmio_w(base, VIO_STATUS, 3);	/* ACKNOWLEDGE | DRIVER */
	mmio_w(base, VIO_PAGE_SIZE, 4096);
	for (unsigned int i = 0; i < 8; i++) {
		struct queue *q = &queues[nqueues];
		uintptr_t ring = RING_BASE + nqueues * RING_SLOT;
		uint32_t num;

		if (!(mask & (1U << i)))
			continue;
		mmio_w(base, VIO_QUEUE_SEL, i);
		num = mmio_r(base, VIO_QUEUE_MAX);
		if (!num)
			continue;
		if (num > 256)
			num = 256;
		q->mmio = base;
		q->index = i;
		q->num = num;
		q->desc = (volatile struct desc *)ring;
		q->avail = (volatile uint16_t *)(ring + 16 * num);
		q->used = (volatile uint16_t *)((ring + 16 * num + 6 + 2 * num + 4095) & ~4095UL);
		fill_chain(q, type);
		mmio_w(base, VIO_QUEUE_NUM, num);
		mmio_w(base, VIO_QUEUE_ALIGN, 4096);
		mmio_w(base, VIO_QUEUE_PFN, (uint32_t)(ring >> 12));
		nqueues++;
	}
	mmio_w(base, VIO_STATUS, 7);	/* ... | DRIVER_OK */
}

/*
 * One round of a busy hart: keep every ring full and ring every doorbell
 * (flood mode), then IPI the other hart (flood) or look it up with HSM
 * (busy), and pause a little: an unpaced stream of cross-hart IPIs from
 * two busy vCPUs makes the shell stop answering today, a scheduling bug
 * outside what this guest tests (reported with issue 11).
 */
static void flood_round(unsigned long other_hart)
{
	if (go == MODE_FLOOD) {
		for (unsigned int i = 0; i < nqueues; i++) {
			struct queue *q = &queues[i];

			q->avail[1] = (uint16_t)(q->used[1] + q->num);
			__asm__ volatile("fence w, w" ::: "memory");
			mmio_w(q->mmio, VIO_NOTIFY, q->index);
		}
		sbi(SBI_EXT_IPI, 0, 1UL << other_hart, 0, 0);
	} else {
		sbi(SBI_EXT_HSM, 2, other_hart, 0, 0);
	}
	for (volatile unsigned int i = 0; i < PAUSE; i++)
		;
}

static void imsic_write(unsigned long reg, unsigned long val)
{
	__asm__ volatile("csrw " CSR(CSR_SISELECT) ", %0; csrw " CSR(CSR_SIREG) ", %1"
			 :: "r"(reg), "r"(val));
}

/* This hart's interrupt file: deliver identities 1..63, take them. */
static void imsic_setup(unsigned long hart)
{
	__asm__ volatile("csrw sscratch, %0" :: "r"(hart));
	imsic_write(IMSIC_EIDELIVERY, 1);
	imsic_write(IMSIC_EITHRESHOLD, 0);
	imsic_write(IMSIC_EIE0, ~1UL);
	__asm__ volatile("csrw sie, %0; csrsi sstatus, 2" :: "r"(1UL << IRQ_S_EXT));
}

/* External interrupt: claim every pending identity (sscratch: hart). */
static void imsic_claim(void)
{
	unsigned long hart, topei;

	__asm__ volatile("csrr %0, sscratch" : "=r"(hart));
	for (;;) {
		__asm__ volatile("csrrw %0, " CSR(CSR_STOPEI) ", zero" : "=r"(topei) :: "memory");
		topei >>= 16;
		if (!topei)
			return;
		if (topei > IMSIC_IDS)
			halt("imsic: claimed a stray identity\n");
		claimed[hart & 1][topei > PEER_IDS]++;
	}
}

/* One round of imsic mode: an MSI of every identity, to both files. */
static void imsic_round(unsigned long hart, unsigned long round)
{
	volatile uint32_t *peer = (volatile uint32_t *)(IMSIC_BASE + (hart ^ 1) * IMSIC_FILE);
	volatile uint32_t *self = (volatile uint32_t *)(IMSIC_BASE + hart * IMSIC_FILE);

	for (uint32_t id = 1; id <= PEER_IDS; id++) {
		*peer = id;
		*self = PEER_IDS + id;
	}
	/* Stray MSIs, never to be delivered: identity 0, identities beyond
	 * the 63 of the configuration, the page of a vCPU 2 it does not have. */
	*peer = 0;
	*peer = IMSIC_IDS + 1;
	*peer = ~0U;
	*(volatile uint32_t *)(IMSIC_BASE + 2 * IMSIC_FILE) = 1;
	if (hart == 1 && !(round % 16))
		__asm__ volatile("wfi");
}

static void report_count(const char *what, unsigned long n)
{
	puts_uart(what);
	put_dec(n);
	puts_uart("\n");
}

/* Hart 0 in imsic mode: what both harts claimed so far. */
static void report_claimed(void)
{
	report_count("imsic: hart0 peer ", claimed[0][0]);
	report_count("imsic: hart0 self ", claimed[0][1]);
	report_count("imsic: hart1 peer ", claimed[1][0]);
	report_count("imsic: hart1 self ", claimed[1][1]);
}

/* Hart 0 in flood mode: "flood: served N", the chains the devices have
 * given back so far (so a test sees the back-ends make progress). */
static void report_served(void)
{
	for (unsigned int i = 0; i < nqueues; i++) {
		uint16_t u = queues[i].used[1];

		served += (uint16_t)(u - seen_used[i]);
		seen_used[i] = u;
	}
	report_count("flood: served ", served);
}

static const char *mode(void)
{
	static char cmd[8];
	const volatile char *nor = (const volatile char *)NOR_CMD;
	unsigned int i;

	for (i = 0; i + 1 < sizeof(cmd) && nor[i] >= 'a' && nor[i] <= 'z'; i++)
		cmd[i] = nor[i];
	cmd[i] = '\0';
	return cmd;
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

void fw_trap(unsigned long cause, unsigned long epc, unsigned long tval)
{
	(void)epc;
	(void)tval;
	if (cause == ((1UL << 63) | 5)) {
		ticks++;
		sbi(SBI_EXT_TIME, 0, rdtime() + TICK, 0, 0);
		if (!(ticks % 25)) {
			puts_uart("calm: tick ");
			put_dec(ticks);
			puts_uart("\n");
		}
		return;
	}
	if (cause == ((1UL << 63) | IRQ_S_EXT)) {
		imsic_claim();
		return;
	}
	halt("flood: unexpected trap\n");
}

void flood_secondary(void)
{
	unsigned long round = 0;

	while (!go)
		;
	if (go == MODE_IMSIC)
		imsic_setup(1);
	for (;; round++) {
		if (go == MODE_IMSIC)
			imsic_round(1, round);
		else
			flood_round(0);
	}
}

extern char secondary_entry[];

void flood_main(void)
{
	const char *m = mode();

	if (streq(m, "calm")) {
		sbi(SBI_EXT_TIME, 0, rdtime() + TICK, 0, 0);
		__asm__ volatile("csrw sie, %0; csrsi sstatus, 2" :: "r"(1UL << 5));
		puts_uart("calm: running\n");
		for (;;)
			__asm__ volatile("wfi");
	}
	if (streq(m, "flood")) {
		for (unsigned int i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
			setup_device(devices[i].base, devices[i].queues);
		go = MODE_FLOOD;
	} else if (streq(m, "imsic")) {
		imsic_setup(0);
		go = MODE_IMSIC;
	} else {
		go = MODE_BUSY;
	}
	sbi(SBI_EXT_HSM, 0, 1, (unsigned long)secondary_entry, 0);
	puts_uart(m);
	puts_uart(": running\n");
	for (;; rounds++) {
		if (go == MODE_IMSIC) {
			imsic_round(0, rounds);
			if (!(rounds % 64))
				report_claimed();
			continue;
		}
		flood_round(1);
		if (go == MODE_FLOOD && !((rounds + 1) % 256))
			report_served();
	}
}
