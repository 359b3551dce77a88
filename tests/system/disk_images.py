"""Disk images made at test time for the storage system tests and the
bench, and a shared boot with one of them as -initrd.

Images are written under build/test-data/ (or a caller's directory) from
Python-described trees: ext2 through genext2fs, newc cpio through the host
cpio tool, plus a not-a-filesystem image and a truncated ext2.  Nothing
binary is committed.  host_file() reads a file back out of an ext2 image
with debugfs, so digests are compared with the bytes really on the disk.
DiskShell is conftest's shared default-machine boot, but with an -initrd
and an -append line, for tests that share one boot of an image.
"""

import os
import shutil
import subprocess

import pytest

from conftest import ROOT, SharedShell, need_file, need_tool

DATA_DIR = os.path.join(ROOT, "build", "test-data")
SEED_BOOTCMD = ('vmm.bootcmd="vfs mount initrd /;vfs run /boot.xscript;'
                'vfs cat /system/banner.txt"')


def write_tree(staging, files):
    """Create staging/ holding files: {relative path: bytes or str}; a
    path ending in / is an empty directory."""
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    for rel, data in files.items():
        path = os.path.join(staging, rel)
        if rel.endswith("/"):
            os.makedirs(path, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)


def make_ext2(path, files, blocks=1024):
    """An ext2 image (1 KiB blocks, `blocks` of them) holding files."""
    need_tool("genext2fs")
    staging = path + ".d"
    write_tree(staging, files)
    if os.path.exists(path):
        os.remove(path)
    subprocess.run(["genext2fs", "-B", "1024", "-b", str(blocks), "-d", staging, path],
                   check=True, capture_output=True)
    return path


def make_cpio(path, files):
    """A newc cpio archive (padded to 512 bytes by cpio) holding files."""
    need_tool("cpio")
    staging = path + ".d"
    write_tree(staging, files)
    names = []
    for top, dirs, fnames in os.walk(staging):
        for n in sorted(dirs) + sorted(fnames):
            names.append(os.path.relpath(os.path.join(top, n), staging))
    with open(path, "wb") as out:
        subprocess.run(["cpio", "-o", "-H", "newc", "--quiet"], cwd=staging, check=True,
                       input="\n".join(names).encode() + b"\n", stdout=out)
    return path


def make_noise(path, size, seed=1):
    """size bytes of deterministic noise: no filesystem magic anywhere."""
    data = bytearray()
    x = seed
    while len(data) < size:
        x = (x * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
        data += (x >> 24).to_bytes(5, "little")
    with open(path, "wb") as f:
        f.write(bytes(data[:size]))
    return path


def truncate_copy(src, dst, size):
    """dst = the first size bytes of src."""
    with open(src, "rb") as f:
        head = f.read(size)
    with open(dst, "wb") as f:
        f.write(head)
    return dst


def host_file(image, path):
    """The bytes of path inside the ext2 image, as debugfs reads them."""
    need_tool("debugfs")
    r = subprocess.run(["debugfs", "-R", "cat " + path, image], capture_output=True,
                       check=True)
    return r.stdout


def host_listing(image, path):
    """{name: (mode string, size)} of a directory of the ext2 image as
    debugfs lists it; directories are named with a trailing / and have
    size None (debugfs does not print it)."""
    need_tool("debugfs")
    r = subprocess.run(["debugfs", "-R", "ls -p " + path, image], capture_output=True,
                       check=True, text=True)
    entries = {}
    for line in r.stdout.splitlines():
        f = line.split("/")
        if len(f) < 7:
            continue
        mode = int(f[2], 8)
        kind = {0o040000: "d", 0o120000: "l"}.get(mode & 0o170000, "-")
        perms = "".join(c if mode & (1 << (8 - i)) else "-" for i, c in enumerate("rwxrwxrwx"))
        name = f[5] + ("/" if kind == "d" else "")
        entries[name] = (kind + perms, int(f[6]) if f[6] else None)
    return entries


class DiskShell(SharedShell):
    """A boot of a disk image shared by a module (see SharedShell)."""

    def __init__(self, name, kernel, initrd, append):
        self.initrd = initrd
        self.append = append
        super().__init__(name, kernel)

    def qemu_args(self):
        return {"kernel": self.kernel, "initrd": self.initrd, "append": self.append}


def disk_shell(request, label, initrd, append):
    """A DiskShell for the requesting module (fixture helper), logged as
    <module>-<label>; the caller closes its .qemu."""
    path = request.config.getoption("--kernel")
    if not os.path.isfile(path):
        pytest.fail("%s not found: run make first" % path)
    need_file(initrd, "make disk")
    return DiskShell(request.module.__name__ + "-" + label, path, initrd, append)
