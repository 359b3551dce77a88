"""Host disks for the persistent-storage system tests: raw images made
with sfdisk (GPT or MBR) and mke2fs under build/test-data/storage/, the
QEMU arguments that attach them as virtio-blk devices, and readers of the
bytes the host sees (partition extents from `sfdisk -J`, files through
debugfs, the verdict of `e2fsck -fn`)."""

import json
import os
import subprocess

from disk_images import DATA_DIR

STORAGE_DIR = os.path.join(DATA_DIR, "storage")


def image_path(name):
    os.makedirs(STORAGE_DIR, exist_ok=True)
    return os.path.join(STORAGE_DIR, name)


def make_raw(name, size_mib, table=None, seed=7):
    """A raw disk of size_mib MiB full of seeded noise, with an sfdisk
    script `table` applied when given."""
    path = image_path(name)
    with open(path, "wb") as f:
        f.write(noise(size_mib << 20, seed))
    if table:
        subprocess.run(["sfdisk", "-q", path], input=table, text=True, check=True,
                       capture_output=True)
    return path


def noise(size, seed):
    """size deterministic pseudo-random bytes (xorshift), fast enough for
    tens of MiB."""
    out = bytearray(size)
    x = seed * 0x9E3779B97F4A7C15 & (2**64 - 1) or 1
    block = bytearray(4096)
    for i in range(0, 4096, 8):
        x ^= (x << 13) & (2**64 - 1)
        x ^= x >> 7
        x ^= (x << 17) & (2**64 - 1)
        block[i:i + 8] = x.to_bytes(8, "little")
    for off in range(0, size, 4096):
        n = min(4096, size - off)
        out[off:off + n] = block[:n]
        block = block[1:] + block[:1]
    return bytes(out)


def partitions(path, numbered=False):
    """[(start sector, sectors)] of the disk's table, in table order, or
    with numbered {number: (start, sectors)}, MBR extended containers
    left out (they hold logical partitions, not data)."""
    r = subprocess.run(["sfdisk", "-J", path], capture_output=True, text=True, check=True)
    parts = json.loads(r.stdout)["partitiontable"]["partitions"]
    if not numbered:
        return [(p["start"], p["size"]) for p in parts]
    return {int(p["node"][len(path):]): (p["start"], p["size"]) for p in parts
            if p.get("type") not in ("5", "f", "85")}


def drive_args(*paths):
    """QEMU arguments attaching each raw image as a virtio-blk device."""
    args = []
    for i, p in enumerate(paths):
        args += ["-drive", "file=%s,format=raw,if=none,id=hd%d" % (p, i),
                 "-device", "virtio-blk-device,drive=hd%d" % i]
    return args


def read_at(path, off, n):
    with open(path, "rb") as f:
        f.seek(off)
        return f.read(n)


def dump8_line(off, data):
    """What `blockdev dump8` prints for 16 bytes at off."""
    return "%08x: %s" % (off, " ".join("%02x" % b for b in data))


def e2fsck(path):
    """(exit status, output) of `e2fsck -fn`; status 0 means clean."""
    r = subprocess.run(["e2fsck", "-fn", path], capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def mkfs(path, fstype="ext2", start=0, size=None, tree=None, extra=()):
    """mke2fs a filesystem of type fstype into the image at sector start
    (size sectors, or to the end), filled from directory tree if given."""
    args = ["mke2fs", "-q", "-F", "-t", fstype, "-E", "root_owner=0:0"]
    if start:
        args += ["-E", "offset=%d" % (start * 512)]
    if tree:
        args += ["-d", tree]
    args += list(extra) + [path]
    if size:
        args.append("%dk" % (size // 2))
    subprocess.run(args, check=True, capture_output=True)


def extract(path, start, size, out):
    """Copy size sectors at sector start of image path to file out (for
    the host tools, which take whole filesystems)."""
    with open(path, "rb") as f, open(out, "wb") as o:
        f.seek(start * 512)
        left = size * 512
        while left:
            chunk = f.read(min(left, 1 << 20))
            assert chunk, "image shorter than its partition table says"
            o.write(chunk)
            left -= len(chunk)
    return out


def debugfs_cat(image, path):
    """The bytes of path in the ext2 image as debugfs reads them."""
    r = subprocess.run(["debugfs", "-R", "cat " + path, image], capture_output=True,
                       check=True)
    return r.stdout


def debugfs_ls(image, path):
    """Names in directory path of the image (debugfs ls -l)."""
    r = subprocess.run(["debugfs", "-R", "ls -p " + path, image], capture_output=True,
                       check=True, text=True)
    return {f.split("/")[5] for f in r.stdout.splitlines() if len(f.split("/")) > 6}
