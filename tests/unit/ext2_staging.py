#!/usr/bin/env python3
# Builds the file tree that the ext2/ext4 unit-test images are made from
# (argv[1], recreated), and a newc cpio archive of a small tree (argv[2]).
# tests/unit/test_ext2.c regenerates the same contents to compare with.
import os
import shutil
import struct
import sys

MTIME = 1000000000          # 2001-09-09 01:46:40 UTC
BIG_SIZE = 4700000          # beyond double-indirect start for 1-4 KiB blocks
SPARSE_SIZE = 6 * 1024 * 1024 + 1000
SPARSE_ISLANDS = [0, 1 << 20, 2 << 20, 3 << 20, 4 << 20, 5 << 20, 6 << 20]
MANY = 300


def pattern(n, seed):
    # byte i = (i * 7 + (i >> 12) + seed) & 0xff, as in test_ext2.c
    return bytes(((i * 7 + (i >> 12) + seed) & 0xff) for i in range(n))


def island(k):
    return ("island %d\n" % k).encode() * 16


def main():
    root, cpio_out = sys.argv[1], sys.argv[2]
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "a/b/c"))
    os.makedirs(os.path.join(root, "many"))
    os.makedirs(os.path.join(root, "mnt"))
    os.makedirs(os.path.join(root, "list"))
    files = {
        "hello.txt": b"Hello, ext2!\n",
        "a/b/c/deep.txt": b"deep file\n",
        "empty": b"",
        "script.xscript": b"# a comment\necho hello from script\n",
        "big.bin": pattern(BIG_SIZE, 0),
        "list/one.txt": b"one\n",
        "list/nor.list": b"0x10 ./one.txt\r\n0x100 /a/b/c/deep.txt\n",
        "list/bad.list": b"0x10 ./one.txt\n0x4000 ./one.txt\n",
    }
    for i in range(MANY):
        files["many/file%03d" % i] = ("this is file %d\n" % i).encode()
    for name, data in files.items():
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)
    with open(os.path.join(root, "sparse.bin"), "wb") as f:
        for k, off in enumerate(SPARSE_ISLANDS):
            f.seek(off)
            f.write(island(k))
        f.truncate(SPARSE_SIZE)
    os.symlink("hello.txt", os.path.join(root, "link"))
    os.symlink("../../../hello.txt", os.path.join(root, "a/b/c/up"))
    os.symlink("/a/b/c/deep.txt", os.path.join(root, "abslink"))
    os.symlink("/a/./b/" + "./" * 30 + "c/deep.txt", os.path.join(root, "longlink"))
    os.symlink("loop2", os.path.join(root, "loop1"))
    os.symlink("loop1", os.path.join(root, "loop2"))
    for dirpath, dirnames, filenames in os.walk(root):
        for n in filenames + dirnames:
            p = os.path.join(dirpath, n)
            os.utime(p, (MTIME, MTIME), follow_symlinks=False)
    os.utime(root, (MTIME, MTIME))
    write_cpio(cpio_out)


def newc(name, mode, data, ino):
    hdr = "070701" + "".join("%08x" % v for v in (
        ino, mode, 0, 0, 1, MTIME, len(data), 0, 0, 0, 0, len(name) + 1, 0))
    out = hdr.encode() + name.encode() + b"\0"
    out += b"\0" * (-len(out) % 4) + data
    return out + b"\0" * (-len(out) % 4)


def write_cpio(path):
    entries = [(".", 0o40755, b""), ("./sub", 0o40755, b""),
               ("./sub/inner.txt", 0o100644, b"inside cpio\n"),
               ("top.txt", 0o100644, b"cpio top\n"),
               ("sub/ln", 0o120777, b"inner.txt")]
    out = b"".join(newc(n, m, d, i + 1) for i, (n, m, d) in enumerate(entries))
    out += newc("TRAILER!!!", 0, b"", 0)
    out += b"\0" * (-len(out) % 512)
    with open(path, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
