"""Host checks of the Linux guest payload code (no QEMU, no network).

Covers tests/riscv/virt64/linux/layout.py (the section 9 flash layout and
cmdlist derived from file sizes, refusal of files that outgrow their
windows, DTB/initrd moved above a kernel whose image_size reaches them),
initramfs.py (the cpio newc archive read back member by member) and
fetch.sh's cache check (a complete, verified cache is used without apt).
When `make payload` has run, the generated build/guest files are checked
against the real sizes too.
"""

import gzip
import hashlib
import os
import stat
import struct
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LINUX = os.path.join(ROOT, "tests", "riscv", "virt64", "linux")
sys.path.insert(0, LINUX)

import initramfs  # noqa: E402
from conftest import need_file  # noqa: E402
import layout  # noqa: E402

MiB = 1 << 20


def fake_image(path, file_size, image_size):
    hdr = bytearray(64)
    struct.pack_into("<QQ", hdr, 0x08, 0x200000, image_size)
    hdr[0x30:0x38] = b"RISCV\0\0\0"
    hdr[0x38:0x3C] = b"RSC\x05"
    with open(path, "wb") as f:
        f.write(bytes(hdr))
        f.truncate(file_size)


def test_plan_of_debian_sized_kernel_matches_contract_addresses():
    p = layout.plan(31167488, 0x1E6C000, 1036101, fw_size=74000, dtb_size=4000)
    assert p["kernel_copy"] == 0x1DBA000
    assert (p["dtb_addr"], p["initrd_addr"]) == (0x83000000, 0x83100000)
    assert not p["moved"]
    assert layout.cmdlist(p) == (
        "copy 0x80200000 0x00100000 0x1DBA000\n"
        "copy 0x83000000 0x01F00000 0x020000\n"
        "copy 0x83100000 0x02000000 0xFD000\n"
        "start_linux_fdt 0x80200000 0x83000000 0x83100000 0xFCF45\n")


def test_nor_flash_list_is_the_contract_text():
    with open(os.path.join(LINUX, "nor_flash.list")) as f:
        assert layout.nor_flash_list() == f.read()


@pytest.mark.parametrize("kw, name", [
    (dict(image_file_size=0x1E00001, image_size=0, rootfs_size=1), "Image"),
    (dict(image_file_size=MiB, image_size=0, rootfs_size=0x1000001), "rootfs.img"),
    (dict(image_file_size=MiB, image_size=0, rootfs_size=1, fw_size=0xFF001), "firmware.bin"),
    (dict(image_file_size=MiB, image_size=0, rootfs_size=1, dtb_size=0x20001), "virt64.dtb"),
])
def test_oversized_file_is_refused_by_name(kw, name):
    with pytest.raises(layout.LayoutError, match=name):
        layout.plan(**kw)


def test_largest_fitting_files_are_accepted():
    p = layout.plan(0x1E00000, 0x1E00000, 0x1000000, fw_size=0xFF000, dtb_size=0x20000)
    assert p["kernel_copy"] == 0x1E00000 and p["rootfs_copy"] == 0x1000000


def test_big_image_size_moves_dtb_and_initrd_above_the_kernel():
    p = layout.plan(30 * MiB, 0x2F00000, MiB)
    assert p["moved"]
    assert p["dtb_addr"] >= 0x80200000 + 0x2F00000
    assert p["initrd_addr"] >= p["dtb_addr"] + 0x20000
    assert "start_linux_fdt 0x80200000 0x%08X 0x%08X" % (p["dtb_addr"], p["initrd_addr"]) \
        in layout.cmdlist(p)


def test_kernel_too_big_for_guest_ram_is_refused():
    with pytest.raises(layout.LayoutError, match="RAM"):
        layout.plan(MiB, 0x0FF00000, MiB)


def test_image_without_riscv_header_is_refused():
    with pytest.raises(layout.LayoutError, match="RISC-V Image header"):
        layout.image_header(b"\0" * 64)


def test_layout_cli_refuses_oversized_image(tmp_path):
    fake_image(tmp_path / "Image", 0x1E00000 + 1, 0x1E00000 + 1)
    (tmp_path / "rootfs.img").write_bytes(b"x" * 100)
    r = subprocess.run([sys.executable, os.path.join(LINUX, "layout.py"), str(tmp_path),
                        str(tmp_path / "Image"), str(tmp_path / "rootfs.img")],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "Image is 31457281 bytes" in r.stderr
    assert not (tmp_path / "cmdlist").exists()


def test_write_layout_writes_and_keeps_unchanged_files(tmp_path):
    fake_image(tmp_path / "Image", 5 * MiB, 6 * MiB)
    (tmp_path / "rootfs.img").write_bytes(b"r" * 5000)
    layout.write_layout(str(tmp_path), str(tmp_path / "Image"), str(tmp_path / "rootfs.img"))
    text = (tmp_path / "cmdlist").read_text()
    assert text.splitlines()[0] == "copy 0x80200000 0x00100000 0x500000"
    assert text.endswith("start_linux_fdt 0x80200000 0x83000000 0x83100000 0x1388\n")
    os.utime(tmp_path / "cmdlist", (1, 1))
    layout.write_layout(str(tmp_path), str(tmp_path / "Image"), str(tmp_path / "rootfs.img"))
    assert os.path.getmtime(tmp_path / "cmdlist") == 1


def read_newc(data):
    """{name: (mode, rdev, data)} of a newc archive; checks its framing."""
    out, pos = {}, 0
    while True:
        assert data[pos:pos + 6] == b"070701" and pos % 4 == 0
        f = [int(data[pos + 6 + 8 * i:pos + 14 + 8 * i], 16) for i in range(13)]
        namesize, filesize = f[11], f[6]
        name = data[pos + 110:pos + 110 + namesize - 1].decode()
        assert data[pos + 110 + namesize - 1] == 0
        pos += 110 + namesize
        pos += -pos % 4
        if name == "TRAILER!!!":
            return out
        out[name] = (f[1], (f[9], f[10]), data[pos:pos + filesize])
        pos += filesize
        pos += -pos % 4


def test_initramfs_archive_reads_back(tmp_path):
    busybox = b"\x7fELF" + bytes(range(256)) * 3
    initramfs.build(busybox, str(tmp_path / "rootfs.img"))
    raw = (tmp_path / "rootfs.img").read_bytes()
    members = read_newc(gzip.decompress(raw))
    mode, _, body = members["bin/busybox"]
    assert body == busybox and stat.S_ISREG(mode) and mode & 0o111
    mode, _, body = members["init"]
    assert body.startswith(b"#!/bin/busybox sh\n") and mode & 0o100
    assert b"cttyhack" in body and b"devtmpfs" in body
    mode, rdev, _ = members["dev/console"]
    assert stat.S_ISCHR(mode) and rdev == (5, 1)
    assert stat.S_ISLNK(members["bin/sh"][0]) and members["bin/sh"][2] == b"busybox"
    for d in ("proc", "sys", "dev", "tmp", "root"):
        assert stat.S_ISDIR(members[d][0])
    initramfs.build(busybox, str(tmp_path / "again.img"))
    assert (tmp_path / "again.img").read_bytes() == raw


def test_fetch_uses_a_verified_cache_without_apt(tmp_path):
    debs = tmp_path / "guest" / "debs"
    debs.mkdir(parents=True)
    lines = []
    for pkg, name in (("linux-image-9.9-riscv64", "k.deb"), ("busybox-static", "b.deb")):
        (debs / name).write_bytes(pkg.encode())
        lines.append("%s 1 %s %s\n" % (pkg, hashlib.sha256(pkg.encode()).hexdigest(), name))
    (tmp_path / "guest" / "VERSIONS").write_text("".join(lines))
    env = dict(os.environ, CACHE_DIR=str(tmp_path), PATH="/nonexistent:/usr/bin:/bin",
               GUEST_MIRROR="file:/nonexistent")
    fetch = os.path.join(LINUX, "fetch.sh")
    r = subprocess.run([fetch], env=env, capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout == "" and not (tmp_path / "apt").exists()
    (debs / "b.deb").write_bytes(b"corrupt")
    env["GUEST_KEYRING"] = str(tmp_path / "missing.gpg")
    r = subprocess.run([fetch], env=env, capture_output=True, text=True)
    assert r.returncode == 1 and "missing.gpg" in r.stderr


def test_generated_payload_matches_its_files():
    out = os.path.join(ROOT, "build", "guest")
    need_file(os.path.join(out, "cmdlist"), "the Linux payload: make payload")
    with open(os.path.join(out, "Image"), "rb") as f:
        _, image_size = layout.image_header(f.read(64))
    p = layout.plan(os.path.getsize(os.path.join(out, "Image")), image_size,
                    os.path.getsize(os.path.join(out, "rootfs.img")))
    with open(os.path.join(out, "cmdlist")) as f:
        assert f.read() == layout.cmdlist(p)


def test_kmodules_order_and_initramfs(tmp_path):
    import lzma
    import kmodules
    mods = {"virtio_net": ("virtio_net", lzma.compress(b"x\0depends=net_failover\0y")),
            "net_failover": ("net_failover", b"\0depends=failover\0"),
            "failover": ("failover", b"\0depends=\0"),
            "virtio_rng": ("virtio-rng", b"\0depends=\0")}
    order = kmodules.load_order(mods, ("virtio-rng", "virtio_net"))
    assert [n for n, _ in order] == ["virtio-rng", "failover", "net_failover", "virtio_net"]
    assert order[3][1] == b"x\0depends=net_failover\0y"     # decompressed
    with pytest.raises(kmodules.ModuleError, match="nosuch"):
        kmodules.load_order(mods, ("nosuch",))
    del mods["failover"]
    with pytest.raises(kmodules.ModuleError, match="failover"):
        kmodules.load_order(mods, ("virtio_net",))
    initramfs.build(b"\x7fELF", str(tmp_path / "r.img"), order)
    members = read_newc(gzip.decompress((tmp_path / "r.img").read_bytes()))
    assert members["lib/modules/order"][2] == b"virtio-rng\nfailover\nnet_failover\nvirtio_net\n"
    assert members["lib/modules/virtio_net.ko"][2] == order[3][1]
    assert b"insmod /lib/modules/$m.ko" in members["init"][2]
