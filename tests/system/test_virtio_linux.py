"""virtio-mmio devices seen by the Linux guest (the initramfs loads the
kernel package's virtio modules), on two hypervisor boots.

Block, console and entropy share one boot of the demo guest (its stock
virtio-rng0 slot is the entropy device): before the kick, a 1 MiB shmem
object is filled with /system/banner.txt by
`vfs host_load`, made an rbd and attached to guest0/virtio-blk0 with
`vdisk attach`.  Linux then reads the banner back from /dev/vda, writes a
tag at sector 8 that `blockdev dump8` shows on the host, opens /dev/hvc0
whose output appears on `vserial bind guest0/virtio-con0` (and typed
input comes back), and reads /dev/hwrng.  The guest DTB also has virtio
slots of types this hypervisor does not implement (rpmsg 7, input 18):
Linux boots and probes past them.

Network: one boot with switch br0 created first, then guest0 and guest1
(one vCPU and 128 MiB each, net0 on br0); both configure eth0 and ping
each other; `net port list` shows the two ports on br0 with frames
counted, and `net switch destroy br0` is refused while they are attached.
"""

import hashlib
import os
import re

import pytest

from conftest import ROOT, log_file
from qemu import Qemu
from test_linux import (DISK, FIRMWARE_PROMPT, GUEST_PROMPT, LINUX_TIMEOUT, MOUNT_BOOTCMD,
                        autoexec_linux, guest_wait, linux_cmd, need_payload, strip_vserial)

GUEST_DTB = "/images/riscv/virt64-guest.dtb"
NOR_LIST = "/images/riscv/virt64/nor_flash.list"
BANNER = "/system/banner.txt"
BANNER_SRC = os.path.join(ROOT, "tests", "riscv", "virt64", "banner.txt")
BLK_SIZE = 0x100000
WRITE_TAG = "vblk-write-ok"
MODULES = ("virtio_mmio", "virtio_blk", "failover", "net_failover", "virtio_net",
           "virtio_rng")


def start(request, name):
    need_payload()
    kernel = request.config.getoption("--kernel")
    q = Qemu(log_file(request.module.__name__ + "-" + name), kernel=kernel, initrd=DISK,
             append=MOUNT_BOOTCMD)
    q.start()
    return q


def shmem_pa(q, name):
    m = re.search(r"^ %s +0x([0-9a-f]{16}) " % re.escape(name), q.run("shmem list"), re.M)
    assert m, q.run("shmem list")
    return int(m.group(1), 16)


def to_host(q):
    q.send("\x1bxq")
    q.wait_prompt()


class Session:
    def __init__(self, q):
        self.q = q
        self.boot_log = ""
        self.banner = b""


def setup_blk_guest(q, size=BLK_SIZE, bdev=None):
    """From XVisor# (disk mounted): guest0 created and loaded, an rbd of
    size bytes starting with the banner (or the host block device bdev)
    attached as its disk, then booted to the Linux shell (bound to
    guest0/uart0).  Returns the console log of the boot."""
    assert "Error" not in q.run("shmem create default 0x1000000 21")
    out = q.run("vfs guest_fdt_load guest0 %s 2 %s shmem0,shared_mem,string,default"
                % (GUEST_DTB, "mem0,physical_size,physsize,0x10000000"))
    assert "Error" not in out, out
    assert "guest0: Created" in q.run("guest create guest0")
    assert "Error" not in q.run("vfs guest_load_list guest0 " + NOR_LIST, timeout=60)
    if bdev:
        assert q.run("vdisk attach guest0/virtio-blk0 " + bdev) == ""
        return autoexec_linux(q)[1]
    assert q.run("shmem create vdblk 0x%x 21" % size).startswith("Created vdblk")
    pa = shmem_pa(q, "vdblk")
    out = q.run("vfs host_load 0x%x %s" % (pa, BANNER))
    assert "Error" not in out, out
    assert "Error" not in q.run("rbd create vdblk 0x%x 0x%x" % (pa, size))
    assert q.run("vdisk attach guest0/virtio-blk0 vdblk") == ""
    return autoexec_linux(q)[1]


@pytest.fixture(scope="module")
def blk(request):
    """guest0 with an rbd holding the banner as its disk."""
    q = start(request, "blk")
    s = Session(q)
    try:
        with open(BANNER_SRC, "rb") as f:
            s.banner = f.read()
        s.boot_log = setup_blk_guest(q)
        yield s
    finally:
        q.close()


def test_modules_loaded(blk):
    out = linux_cmd(blk.q, "cat /proc/modules | cut -d' ' -f1")
    for m in MODULES:
        assert m in out.split(), out
    assert "insmod" not in blk.boot_log, blk.boot_log


def test_vda_reads_the_backing_store(blk):
    q = blk.q
    out = linux_cmd(q, "cat /sys/block/vda/size")
    assert out.strip() == str(BLK_SIZE // 512), out
    out = linux_cmd(q, "head -c %d /dev/vda | md5sum" % len(blk.banner))
    assert out.split()[0] == hashlib.md5(blk.banner).hexdigest(), out
    # Past the file, the shmem object is zero-filled.
    out = linux_cmd(q, "dd if=/dev/vda bs=512 skip=64 count=1 2>/dev/null | hexdump -C")
    assert out.startswith("00000000  00 00 00 00"), out


def test_vda_write_reaches_the_host(blk):
    q = blk.q
    out = linux_cmd(q, "echo %s|dd of=/dev/vda seek=8 2>&1;sync;echo rc=$?" % WRITE_TAG)
    assert "rc=0" in out, out
    to_host(q)
    try:
        dump = q.run("blockdev dump8 vdblk %d 0x1000" % len(WRITE_TAG))
        got = bytes(int(b, 16) for b in dump.split(":", 1)[1].split())
        assert got == WRITE_TAG.encode(), dump
    finally:
        q.send("vserial bind guest0/uart0\r")
        q.send("\r")
        guest_wait(q, GUEST_PROMPT, 30)


def test_hwrng_yields_bytes(blk):
    out = linux_cmd(blk.q, "dd if=/dev/hwrng bs=16 count=1 2>/dev/null | hexdump -C")
    # Searched line by line: a kernel message ("hrtimer: interrupt took
    # ...", under load) may come before the dump.
    m = re.search(r"^00000000 ((?: +[0-9a-f]{2}){16})", out, re.M)
    assert m, out
    assert len(set(m.group(1).split())) > 4, out
    out = linux_cmd(blk.q, "cat /sys/class/misc/hw_random/rng_current")
    assert out.startswith("virtio_rng"), out


def test_hvc0_through_vserial(blk):
    """Bytes move both ways through the virtio console's vserial port.
    Output written while nobody is bound waits in the port and comes out
    at the bind; keys typed while bound reach a reader of /dev/hvc0 (the
    shell's `wait` returns once it has read all 9)."""
    q = blk.q
    assert linux_cmd(q, "echo hvc-out-check > /dev/hvc0; echo $?") == "0\n"
    to_host(q)
    q.send("vserial bind guest0/virtio-con0\r")
    q.expect_exact("hvc-out-check", timeout=30)
    to_host(q)
    q.send("vserial bind guest0/uart0\r")
    q.send("\r")
    guest_wait(q, GUEST_PROMPT, 30)
    linux_cmd(q, "(stty raw -echo; head -c 9 >/tmp/hvc.in) </dev/hvc0 &")
    to_host(q)
    q.send("vserial bind guest0/virtio-con0\r")
    q.expect_exact("[guest0/virtio-con0] ")
    q.send("hvc-in-ok")
    to_host(q)
    q.send("vserial bind guest0/uart0\r")
    q.send("\r")
    guest_wait(q, GUEST_PROMPT, 30)
    out = linux_cmd(q, "wait; cat /tmp/hvc.in; echo")
    assert "hvc-in-ok" in out, out


def test_unimplemented_virtio_types_still_boot(blk):
    out = linux_cmd(blk.q, "ls /sys/bus/virtio/devices/")
    assert len(out.split()) == 4, out   # net, blk, console, rng; rpmsg and input are empty slots


def boot_linux_1cpu(q, g):
    """Kick g, bind its UART, autoexec; the console log to the shell."""
    assert "%s: Kicked" % g in q.run("guest kick " + g)
    q.send("vserial bind %s/uart0\r" % g)
    guest_wait(q, FIRMWARE_PROMPT, 60)
    q.send("autoexec\r")
    log = strip_vserial(guest_wait(q, GUEST_PROMPT, LINUX_TIMEOUT))
    assert "1 CPU(s)" in log, log
    return log


def bind_guest(q, g):
    q.send("vserial bind %s/uart0\r" % g)
    q.send("\r")
    guest_wait(q, GUEST_PROMPT, 30)


def setup_net_guests(q):
    """From XVisor# (disk mounted): br0, then guest0 and guest1 (1 vCPU,
    128 MiB, net0 on br0) booted to Linux with eth0 up at 10.0.0.1 and
    10.0.0.2; ends at XVisor#."""
    assert q.run("net switch create bridge br0") == "Created br0 switch\n"
    assert "Error" not in q.run("shmem create default 0x1000000 21")
    for g in ("guest0", "guest1"):
        out = q.run("vfs guest_fdt_load %s %s 1 mem0,physical_size,physsize,0x8000000 "
                    "net0,switch,string,br0 shmem0,shared_mem,string,default"
                    % (g, GUEST_DTB))
        assert "Error" not in out, out
        assert "%s: Created" % g in q.run("guest create " + g)
        assert "Error" not in q.run("vfs guest_load_list %s %s" % (g, NOR_LIST), timeout=60)
    for i, g in enumerate(("guest0", "guest1")):
        boot_linux_1cpu(q, g)
        out = linux_cmd(q, "ip addr add 10.0.0.%d/24 dev eth0 && ip link set eth0 up "
                        "&& echo up-ok" % (i + 1))
        assert "up-ok" in out, out
        to_host(q)


@pytest.fixture(scope="module")
def net(request):
    """guest0 and guest1 on br0, both at their shell with eth0 up."""
    q = start(request, "net")
    try:
        setup_net_guests(q)
        yield q
    finally:
        q.close()


def test_ports_on_br0(net):
    out = net.run("net port list")
    for g in ("guest0", "guest1"):
        assert re.search(r"^ %s/virtio-net0 +br0 +([0-9a-f]{2}:){5}[0-9a-f]{2} " % g, out,
                         re.M), out
    assert "br0              bridge           2" in net.run("net switch list")
    out = net.run("net switch destroy br0")
    assert "Failed to destroy br0 switch: ports attached" in out, out


def ping(q, g, peer, count=3):
    """From XVisor#: `ping -c count peer` in guest g; its output."""
    bind_guest(q, g)
    out = linux_cmd(q, "ping -c %d %s" % (count, peer), timeout=60 + 2 * count)
    to_host(q)
    return out


def test_guests_ping_each_other(net):
    out = ping(net, "guest0", "10.0.0.2")
    assert "3 packets transmitted, 3 packets received, 0% packet loss" in out, out
    out = ping(net, "guest1", "10.0.0.1")
    assert "3 packets transmitted, 3 packets received, 0% packet loss" in out, out
    m = re.search(r"round-trip min/avg/max = [\d.]+/([\d.]+)/[\d.]+ ms", out)
    assert m, out
    rows = re.findall(r"^ guest\d/virtio-net0 +br0 +\S+ +(\d+) +(\d+) +(\d+)$",
                      net.run("net port list"), re.M)
    assert len(rows) == 2 and all(int(tx) >= 6 and int(rx) >= 6 for tx, rx, _ in rows), rows
