"""virtio-mmio for guests, on the demo guest (guest0 of boot.xscript):
from the hypervisor side the virtio-blk vdisk (list, info, attach of the
`initrd` RAM disk, detach, errors) and that the virtio console is listed
as a vserial port;
from the guest side, the basic firmware's byte-wise hexdump of the
virtio-mmio slots (magic, version 1, device ID, vendor): net, blk,
console and rng answer with their IDs, the unimplemented rpmsg and input
slots with 0.
"""

import os
import re

import pytest

from conftest import ROOT, need_file

DISK = os.path.join(ROOT, "build", "disk.img")
DEMO_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /boot.xscript"'
MAGIC = "76 69 72 74"
VENDOR = "58 56 53 52"


@pytest.fixture
def demo(boot):
    need_file(DISK, "make disk")
    q = boot(initrd=DISK, append=DEMO_BOOTCMD)
    assert "guest0: Created" in q.boot_log
    return q


def vdisk_field(out, name):
    m = re.search(r"^%s\s*: (.*)$" % re.escape(name), out, re.M)
    assert m, "no %s in %r" % (name, out)
    return m.group(1)


def test_vdisk_commands(demo):
    out = demo.run("vdisk list")
    assert re.search(r"^ guest0/virtio-blk0 +512 +0 +---$", out, re.M), out
    info = demo.run("vdisk info guest0/virtio-blk0")
    assert vdisk_field(info, "Name") == "guest0/virtio-blk0"
    assert vdisk_field(info, "Block Device") == "---"
    assert vdisk_field(info, "Block Count") == "0"

    assert demo.run("vdisk attach guest0/virtio-blk0 initrd") == ""
    blocks = re.search(r"Block Count : (\d+)", demo.run("blockdev info initrd")).group(1)
    info = demo.run("vdisk info guest0/virtio-blk0")
    assert vdisk_field(info, "Block Device") == "initrd"
    assert vdisk_field(info, "Block Count") == blocks
    assert vdisk_field(info, "Access") == "Read-Write"
    assert re.search(r"^ guest0/virtio-blk0 +512 +%s +initrd$" % blocks,
                     demo.run("vdisk list"), re.M)

    assert demo.run("vdisk detach guest0/virtio-blk0") == ""
    assert vdisk_field(demo.run("vdisk info guest0/virtio-blk0"), "Block Device") == "---"
    out = demo.run("vdisk detach guest0/virtio-blk0")
    assert "No block device attached to guest0/virtio-blk0" in out
    assert "Error: command vdisk failed (code -19)" in out
    out = demo.run("vdisk attach guest0/virtio-blk0 nosuchdev")
    assert "Failed to find block device nosuchdev" in out
    out = demo.run("vdisk info guest9/virtio-blk0")
    assert "Failed to find virtual disk guest9/virtio-blk0" in out
    assert "Usage:" in demo.run("vdisk attach guest0/virtio-blk0")


def test_virtio_console_port_listed(demo):
    """The virtio console is a vserial port beside the UART.  The basic
    firmware has no virtio driver, so no data moves here: bytes both ways
    through the port are test_virtio_linux.py::test_hvc0_through_vserial."""
    out = demo.run("vserial list")
    names = re.findall(r"^ (guest0/\S+)", out, re.M)
    assert names[:2] == ["guest0/uart0", "guest0/virtio-con0"], out


def hexdump(q, addr):
    q.send("hexdump 0x%x 16\r" % addr)
    out = q.expect_exact("basic# ")
    m = re.search(r"%08x:((?: [0-9a-f]{2}){16})" % addr, out)
    assert m, "no hexdump line in %r" % out
    return m.group(1).strip()


def test_guest_probes_virtio_slots(demo):
    assert "guest0: Kicked" in demo.run("guest kick guest0")
    demo.send("vserial bind guest0/uart0\r")
    demo.expect_exact("basic# ", timeout=30)
    for addr, dev_id in ((0x20000000, 1), (0x20001000, 2), (0x20002000, 3),
                         (0x20003000, 0), (0x20004000, 0), (0x20005000, 4)):
        assert hexdump(demo, addr) == "%s 01 00 00 00 %02x 00 00 00 %s" % (
            MAGIC, dev_id, VENDOR), hex(addr)
    # Config space of the blk slot: capacity 0 (no media), then seg_max.
    cfg = hexdump(demo, 0x20001100).split()
    assert cfg[:8] == ["00"] * 8
    assert int(cfg[12], 16) > 0
