"""Writable ext2 on a host virtio-blk disk: a GPT disk whose partition
holds an empty ext2 made by mke2fs is mounted at /, a second disk with
source files (4 KiB, 1 MiB and 17 MiB of seeded noise, ext2 made by
mke2fs -d) at /src; the shell writes files of 0 B and 1 B (`vfs write`),
copies the others (`vfs cp`), makes and removes directories, renames a
file and a directory, then shuts the host down (which syncs).  On the
host, `e2fsck -fn` must call the partition clean and `debugfs` must read
the same bytes back.  A third disk with an ext4 (journal, extents) mounts
read-only with the reason printed.  The whole disk cannot be mounted
while one of its partitions is."""

import os

import pytest

from storage_disks import (STORAGE_DIR, debugfs_cat, debugfs_ls, drive_args, e2fsck,
                           extract, image_path, make_raw, mkfs, noise, partitions)

SOURCES = {"f4k": (4096, 11), "f1m": (1 << 20, 12), "f17m": (17 << 20, 13)}
COPY_TIMEOUT = 300


@pytest.fixture(scope="module")
def disks():
    target = make_raw("target.img", 80, "label: gpt\n,,L\n", seed=21)
    (start, size), = partitions(target)
    mkfs(target, "ext2", start, size)
    tree = os.path.join(STORAGE_DIR, "src-tree")
    os.makedirs(tree, exist_ok=True)
    for name, (n, seed) in SOURCES.items():
        with open(os.path.join(tree, name), "wb") as f:
            f.write(noise(n, seed))
    src = make_raw("source.img", 32)
    mkfs(src, "ext2", tree=tree, extra=("-b", "4096"))
    ext4 = make_raw("ext4.img", 16)
    mkfs(ext4, "ext4")
    return target, start, size, src, ext4


def ok(q, cmd, timeout=30):
    out = q.run(cmd, timeout=timeout)
    assert "Error" not in out and "Failed" not in out, (cmd, out)
    return out


def test_ext2_written_by_the_shell_is_clean_and_identical_on_the_host(boot, disks):
    target, start, size, src, ext4 = disks
    q = boot(extra=drive_args(target, src, ext4))
    ok(q, "vfs mount vda1 /")
    ok(q, "vfs mkdir /src")
    # the whole disk overlaps the mounted partition: refused
    out = q.run("vfs mount vda /src")
    assert "Failed to mount vda at /src (error -16)" in out, out
    ok(q, "vfs mount vdb /src")
    ok(q, "vfs write /zero")
    ok(q, "vfs write /one x")
    for d in ("/d", "/d/e", "/gone", "/gone/sub"):
        ok(q, "vfs mkdir " + d)
    assert ok(q, "vfs cp /src/f4k /d/f4k") == "Copied 4096 bytes to /d/f4k\n"
    ok(q, "vfs cp /src/f1m /d/e/f1m", timeout=COPY_TIMEOUT)
    assert ok(q, "vfs cp /src/f17m /f17m", timeout=COPY_TIMEOUT) == \
        "Copied %d bytes to /f17m\n" % (17 << 20)
    # the same bytes through the hypervisor's own reader
    assert ok(q, "vfs md5 /f17m", timeout=COPY_TIMEOUT) == \
        ok(q, "vfs md5 /src/f17m", timeout=COPY_TIMEOUT)
    out = q.run("vfs rmdir /gone")
    assert "/gone: Directory not empty (error -90)" in out, out  # picolibc's number
    ok(q, "vfs rmdir /gone/sub")
    ok(q, "vfs rmdir /gone")
    ok(q, "vfs mv /d/e/f1m /d/f1m-renamed")
    ok(q, "vfs mv /d/e /e2")
    ok(q, "vfs umount /src")
    q.send("shutdown\r")
    q.expect_exact("Shutting down the host")
    assert q.wait_exit(timeout=60) == 0

    part = extract(target, start, size, image_path("target-part.img"))
    rc, report = e2fsck(part)
    assert rc == 0, report
    assert debugfs_cat(part, "/zero") == b""
    assert debugfs_cat(part, "/one") == b"x"
    assert debugfs_cat(part, "/d/f4k") == noise(*SOURCES["f4k"])
    assert debugfs_cat(part, "/d/f1m-renamed") == noise(*SOURCES["f1m"])
    assert debugfs_cat(part, "/f17m") == noise(*SOURCES["f17m"])
    assert debugfs_ls(part, "/") >= {"zero", "one", "d", "e2", "f17m", "src"}
    assert "gone" not in debugfs_ls(part, "/")
    assert debugfs_ls(part, "/e2") == {".", ".."}
    assert debugfs_ls(part, "/d") == {".", "..", "f4k", "f1m-renamed"}


def test_ext4_with_unhandled_features_mounts_read_only(boot, disks):
    q = boot(extra=drive_args(*disks[3:5][::-1]))  # the ext4 disk is vda
    out = q.run("vfs mount vda /")
    assert "ext4: vda: mounted read-only: the writer does not handle has_journal extent" \
        in out, out
    assert "Mounted vda using ext4 at /" in out, out
    out = q.run("vfs mkdir /x")
    assert "/x: read-only filesystem" in out, out
    assert "lost+found" in q.run("vfs ls /")
