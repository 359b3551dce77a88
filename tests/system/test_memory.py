"""The `memory` command on host physical memory: dumps at each width (and
on a named host CPU), the three checksums, modify and copy, all checked on
a scratch shared-memory object; and the one-line refusals of ranges outside
host RAM, over reserved (firmware) memory or wrapping around 2^64.
"""

import hashlib
import re
import struct
import zlib

import pytest


@pytest.fixture
def scratch(shell):
    """The physical address of a fresh 4 KiB shared-memory object."""
    out = shell.run("shmem create memtest 0x1000")
    assert out == "Created memtest shared memory\n", out
    m = re.search(r"^ memtest\s+0x([0-9a-f]+)", shell.run("shmem list"), re.M)
    assert m
    yield int(m.group(1), 16)
    assert shell.run("shmem destroy memtest") == "Destroyed memtest shared memory\n"


def error(out, code):
    lines = out.rstrip("\n").split("\n")
    assert len(lines) == 2, out
    assert lines[0].startswith("Error: "), out
    assert lines[1] == "Error: command memory failed (code %d)" % code, out
    return lines[0]


def test_modify_and_dump(shell, scratch):
    pa = scratch
    assert shell.run("memory modify32 0x%x 0x12345678 0xdeadbeef" % pa) == ""
    assert shell.run("memory dump32 0x%x 2" % pa) == \
        "0x%016x: 12345678 deadbeef\n" % pa
    assert shell.run("memory dump16 0x%x 3" % pa) == \
        "0x%016x: 5678 1234 beef\n" % pa
    assert shell.run("memory dump8 0x%x 5 0" % pa) == \
        "0x%016x: 78 56 34 12 ef\n" % pa
    assert shell.run("memory iodump32 0x%x 1" % (pa + 4)) == "0x%016x: deadbeef\n" % (pa + 4)
    assert shell.run("memory modify8 0x%x 0xaa 0xbb" % (pa + 1)) == ""
    assert shell.run("memory modify16 0x%x 0x4321" % (pa + 4)) == ""
    assert shell.run("memory dump8 0x%x 8" % pa) == \
        "0x%016x: 78 aa bb 12 21 43 ad de\n" % pa
    # 20 bytes: a full line of 16 and a line of 4.
    out = shell.run("memory dump8 0x%x 20" % pa).split("\n")
    assert out[0].startswith("0x%016x: 78 aa bb 12" % pa) and len(out[0].split()) == 17
    assert out[1].startswith("0x%016x:" % (pa + 16)) and len(out[1].split()) == 5


def test_checksums_and_copy(shell, scratch):
    pa = scratch
    words = [0x03020100 + 0x04040404 * i for i in range(8)]
    data = struct.pack("<8I", *words)
    assert shell.run("memory modify32 0x%x %s" % (pa, " ".join(hex(w) for w in words))) == ""
    assert shell.run("memory crc32 0x%x 32" % pa) == "CRC32: 0x%08x\n" % zlib.crc32(data)
    assert shell.run("memory md5 0x%x 32" % pa) == "MD5: %s\n" % hashlib.md5(data).hexdigest()
    assert shell.run("memory sha256 0x%x 32" % pa) == \
        "SHA256: %s\n" % hashlib.sha256(data).hexdigest()
    assert shell.run("memory copy 0x%x 0x%x 32" % (pa + 0x800, pa)) == \
        "Copied 32 bytes from 0x%x to 0x%x\n" % (pa, pa + 0x800)
    assert shell.run("memory sha256 0x%x 32" % (pa + 0x800)) == \
        "SHA256: %s\n" % hashlib.sha256(data).hexdigest()


def test_refusals(shell, scratch):
    pa = scratch
    assert "0x0-0xf is not host RAM" in error(shell.run("memory dump8 0x0 16"), -14)
    assert "is not host RAM" in error(shell.run("memory modify32 0x10000000 1"), -14)
    assert "is not host RAM" in error(shell.run("memory dump8 0x9ffffff0 0x20"), -14)
    assert "wraps around" in error(
        shell.run("memory dump8 0xffffffffffffff00 0x200"), -22)
    assert "wraps around" in error(
        shell.run("memory crc32 0x%x 0xffffffffffffffff" % pa), -22)
    assert "wraps around" in error(
        shell.run("memory dump32 0x%x 0x4000000000000001" % pa), -22)
    assert "overlaps reserved memory" in error(shell.run("memory dump32 0x80000000 4"), -14)
    assert "is not host RAM" in error(
        shell.run("memory copy 0x%x 0x1000 16" % pa), -14)
    assert "not 4-byte aligned" in error(shell.run("memory dump32 0x%x 1" % (pa + 2)), -22)
    assert "does not fit in 8 bits" in error(shell.run("memory modify8 0x%x 0x100" % pa), -34)
    assert "count must not be 0" in error(shell.run("memory md5 0x%x 0" % pa), -22)
    assert "not an online host CPU" in error(shell.run("memory dump8 0x%x 1 7" % pa), -22)
    assert "bad number" in error(shell.run("memory dump8 0x%x zz" % pa), -22)
    out = shell.run("memory dump8 0x%x" % pa)
    assert out.startswith("Usage:") and "memory dump8|dump16|dump32" in out


def test_host_load_refuses_wrapping_range(boot):
    """`vfs host_load` near 2^64 must be refused as not host RAM, not
    written through a range that wraps around to low addresses."""
    from guests import MOUNT_BOOTCMD, boot_disk
    q = boot_disk(boot, MOUNT_BOOTCMD)
    out = q.run("vfs host_load 0xfffffffffffffff0 /boot.xscript")
    assert "Error: command vfs failed (code -14)" in out, out
    assert q.run("echo alive") == "alive\n"


def test_host_load_refuses_firmware_memory(boot):
    """The reserved (OpenSBI, PMP-protected) range is not loadable."""
    from guests import MOUNT_BOOTCMD, boot_disk
    q = boot_disk(boot, MOUNT_BOOTCMD)
    out = q.run("vfs host_load 0x80000000 /boot.xscript")
    assert "Error: command vfs failed" in out, out
    assert q.run("echo alive") == "alive\n"
