"""A host disk partition attached to a Linux guest (`vdisk attach
guest0/virtio-blk0 vda1`): the partition holds an ext2 made on the host
with a file /guest.txt whose first block the host locates with debugfs.
The guest writes a line over that block through /dev/vda (dd
conv=fsync, then sync), the host shuts down, and the bytes are in the
image file.  A fresh QEMU boot reads the same line through `vfs cat`, and
then a Linux guest with the partition attached reads it from /dev/vda."""

import os
import subprocess

import pytest

from conftest import log_file
from qemu import Qemu
from storage_disks import (drive_args, extract, image_path, make_raw, mkfs, partitions,
                           read_at)
from test_linux import DISK, MOUNT_BOOTCMD, linux_cmd, need_payload
from test_virtio_linux import setup_blk_guest, to_host

LINE = "written-by-linux-guest"


@pytest.fixture(scope="module")
def disk():
    need_payload()
    path = make_raw("vdisk.img", 48, "label: gpt\n,16M,L\n,,L\n", seed=31)
    (start, size), _ = partitions(path)
    tree = image_path("vdisk-tree")
    os.makedirs(tree, exist_ok=True)
    with open(tree + "/guest.txt", "wb") as f:
        f.write(b"z" * 4096)
    mkfs(path, "ext2", start, size, tree=tree, extra=("-b", "1024"))
    part = extract(path, start, size, image_path("vdisk-part.img"))
    r = subprocess.run(["debugfs", "-R", "bmap /guest.txt 0", part], capture_output=True,
                       text=True, check=True)
    return path, start, int(r.stdout.split()[0])


def boot_with(request, name, path):
    q = Qemu(log_file(request.node.name + "-" + name), kernel=request.config.getoption(
        "--kernel"), initrd=DISK, append=MOUNT_BOOTCMD, extra=drive_args(path))
    request.addfinalizer(q.close)
    q.start()
    return q


def test_guest_writes_to_a_host_partition_survive_a_power_cycle(request, disk):
    path, start, pblk = disk
    q = boot_with(request, "write", path)
    setup_blk_guest(q, bdev="vda1")
    out = linux_cmd(q, "cat /sys/block/vda/size")
    assert out.strip() == str(16 << 11), out
    # (short lines: the guest console wraps long ones)
    linux_cmd(q, "printf %s >/tmp/l" % LINE)
    out = linux_cmd(q, "dd if=/tmp/l of=/dev/vda bs=1k seek=%d conv=notrunc,fsync" % pblk)
    assert "records out" in out, out  # dd's own report
    assert "rc=0" in linux_cmd(q, "sync; echo rc=$?"), out
    to_host(q)
    q.send("shutdown\r")
    q.expect_exact("Shutting down the host")
    assert q.wait_exit(timeout=60) == 0
    assert read_at(path, start * 512 + pblk * 1024, len(LINE) + 1) == LINE.encode() + b"z"

    q = boot_with(request, "read", path)
    out = q.run("vfs mount vda1 /system")  # over a directory of the initrd
    assert "Mounted vda1 using ext4 at /system" in out, out
    out = q.run("vfs cat /system/guest.txt")
    assert out.startswith(LINE + "z"), out
    assert q.run("vfs umount /system") == "Unmounted /system\n"
    setup_blk_guest(q, bdev="vda1")
    out = linux_cmd(q, "dd if=/dev/vda bs=1k skip=%d count=1 2>/dev/null | head -c %d"
                    % (pblk, len(LINE)))
    assert LINE in out.split("\n"), out  # kernel messages may interleave
    to_host(q)
