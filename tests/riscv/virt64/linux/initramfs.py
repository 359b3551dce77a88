"""The guest's BusyBox initramfs: a gzip-compressed cpio (newc) archive.

Owns the archive format (written here, so that device nodes and root
ownership need neither root nor the cpio tool, and the output is byte for
byte reproducible: fixed mtime, uid/gid 0, sorted entries) and the rootfs
contents: the static busybox, /init, a /dev/console node for the kernel's
first console, the empty mount points, and the kernel modules given
(kmodules.py: /lib/modules/<name>.ko, their load order in
/lib/modules/order; modules carried but not loaded, xz-compressed, in
/lib/modules/extra/).  /init installs the applet links at boot, mounts
proc, sysfs, devtmpfs and devpts, loads the modules in order, and runs a
login shell on the console with job control (setsid cttyhack), restarting
it when it exits so that PID 1 never does.
"""

import gzip
import stat

INIT_SCRIPT = """#!/bin/busybox sh
# PID 1 of the virt64 guest's BusyBox initramfs.
/bin/busybox --install -s
export PATH=/sbin:/bin:/usr/sbin:/usr/bin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
for m in $(cat /lib/modules/order 2>/dev/null); do
	insmod /lib/modules/$m.ko || echo "init: insmod $m failed"
done
hostname guest
echo "BusyBox initramfs on $(uname -sr): $(nproc) CPU(s)"
cd /root
while true; do
	setsid cttyhack sh -l
	echo "init: shell exited, starting a new one"
done
"""

PROFILE = """export PATH=/sbin:/bin:/usr/sbin:/usr/bin HOME=/root
PS1='\\h:\\w# '
"""

DIRS = ("bin", "dev", "etc", "lib", "lib/modules", "mnt", "proc", "root", "run", "sbin", "sys", "tmp",
        "usr", "usr/bin", "usr/sbin")


class Entry:
    """One archive member: a regular file, directory, symlink or device."""

    def __init__(self, name, mode, data=b"", rdev=(0, 0)):
        self.name = name
        self.mode = mode
        self.data = data
        self.rdev = rdev


def _pad4(n):
    return b"\0" * (-n % 4)


def newc(entries, mtime=0):
    """The cpio newc ("070701") archive of entries, with its trailer."""
    out = bytearray()
    for ino, e in enumerate(list(entries) + [Entry("TRAILER!!!", 0)], 1):
        name = e.name.encode() + b"\0"
        nlink = 2 if stat.S_ISDIR(e.mode) else 1
        fields = (ino, e.mode, 0, 0, nlink, mtime, len(e.data), 0, 0,
                  e.rdev[0], e.rdev[1], len(name), 0)
        if e.name == "TRAILER!!!":
            fields = (0,) * 4 + (1,) + (0,) * 6 + (len(name), 0)
        out += b"070701" + b"".join(b"%08X" % v for v in fields)
        out += name + _pad4(110 + len(name))
        out += e.data + _pad4(len(e.data))
    return bytes(out)


def rootfs_entries(busybox, modules=(), extra=()):
    """The archive members for the given static busybox binary, the
    [(name, .ko bytes)] modules, in load order, and the [(name, .ko.xz
    bytes)] extra modules, carried but not loaded."""
    entries = [Entry(d, stat.S_IFDIR | 0o755) for d in DIRS]
    entries += [
        Entry("bin/busybox", stat.S_IFREG | 0o755, busybox),
        Entry("bin/sh", stat.S_IFLNK | 0o777, b"busybox"),
        Entry("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1)),
        Entry("dev/null", stat.S_IFCHR | 0o666, rdev=(1, 3)),
        Entry("etc/profile", stat.S_IFREG | 0o644, PROFILE.encode()),
        Entry("init", stat.S_IFREG | 0o755, INIT_SCRIPT.encode()),
    ]
    for name, ko in modules:
        entries.append(Entry("lib/modules/%s.ko" % name, stat.S_IFREG | 0o644, ko))
    if extra:
        entries.append(Entry("lib/modules/extra", stat.S_IFDIR | 0o755))
    for name, xz in extra:
        entries.append(Entry("lib/modules/extra/%s.ko.xz" % name, stat.S_IFREG | 0o644, xz))
    if modules:
        order = "".join("%s\n" % name for name, _ in modules)
        entries.append(Entry("lib/modules/order", stat.S_IFREG | 0o644, order.encode()))
    for e in entries:
        if e.name == "tmp":
            e.mode = stat.S_IFDIR | 0o1777
    return sorted(entries, key=lambda e: e.name)


def build(busybox, path, modules=(), extra=()):
    """Writes the gzip-compressed initramfs for busybox (the ordered
    [(name, .ko bytes)] modules, the extra [(name, .ko.xz bytes)]) to path."""
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0,
                           filename="") as z:
            z.write(newc(rootfs_entries(busybox, modules, extra)))
