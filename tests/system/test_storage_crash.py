"""Crash safety and the persistent disk of `make run`.

Kill: an ext2 disk (vda) and a source disk (vdb) are mounted; files are
copied one command at a time (each `vfs cp` returns once its data and
metadata are flushed), then QEMU is killed (SIGKILL) while a 17 MiB copy
is in flight.  On the host every file whose command had returned must
read back intact through debugfs, and the log records what `e2fsck -fn`
says about the filesystem (the writer writes file data before the
metadata that points to it, so the interrupted copy leaves at most an
empty or short file).

make run: `make run RUN_DISK=<new file>` creates the disk with mke2fs,
mounts it at /persist; a line written there survives `shutdown` and is
read back by a second `make run`."""

import os
import signal
import subprocess
import time

import pexpect

from conftest import ROOT, log_file
from qemu import PROMPT
from storage_disks import debugfs_cat, drive_args, e2fsck, image_path, make_raw, mkfs, noise
from test_storage_ext2 import COPY_TIMEOUT, SOURCES, ok

STREAM = 6


def debugfs_ls_raw(image, path):
    r = subprocess.run(["debugfs", "-R", "ls " + path, image], capture_output=True)
    return r.stdout


def test_kill_during_a_write_stream_keeps_what_was_flushed(boot):
    target = make_raw("crash.img", 64)
    mkfs(target, "ext2")
    tree = image_path("crash-src")
    os.makedirs(tree, exist_ok=True)
    for name, (n, seed) in SOURCES.items():
        with open(os.path.join(tree, name), "wb") as f:
            f.write(noise(n, seed))
    src = make_raw("crash-src.img", 32)
    mkfs(src, "ext2", tree=tree, extra=("-b", "4096"))
    q = boot(extra=drive_args(target, src))
    ok(q, "vfs mount vda /")
    ok(q, "vfs mkdir /src")
    ok(q, "vfs mount vdb /src")
    ok(q, "vfs mkdir /w")
    for i in range(STREAM):
        ok(q, "vfs cp /src/%s /w/f%d" % ("f1m" if i % 2 else "f4k", i), timeout=COPY_TIMEOUT)
    q.send("vfs cp /src/f17m /w/big\r")
    q.expect_exact("vfs cp /src/f17m /w/big\r\n")
    # kill once the copy has begun: its (synced) file is on the disk
    deadline = time.monotonic() + COPY_TIMEOUT
    while b"big" not in debugfs_ls_raw(target, "/w"):
        assert time.monotonic() < deadline, "the copy never created /w/big"
        time.sleep(0.05)
    q.child.kill(signal.SIGKILL)
    q.child.wait()
    rc, report = e2fsck(target)
    q.mark("e2fsck -fn after the kill (exit %d):\n%s" % (rc, report))
    for i in range(STREAM):
        want = noise(*SOURCES["f1m" if i % 2 else "f4k"])
        assert debugfs_cat(target, "/w/f%d" % i) == want, i
    assert rc == 0, report


def make_run(disk, line, log):
    child = pexpect.spawn("make", ["-s", "run", "RUN_DISK=" + disk], cwd=ROOT,
                          encoding="utf-8", timeout=120, logfile=log)
    child.expect_exact("Mounted vda using ext4 at /persist")
    child.expect_exact(PROMPT)
    child.send(line + "\r")
    child.expect_exact(PROMPT, timeout=30)
    out = child.before
    child.send("shutdown\r")
    child.expect(pexpect.EOF, timeout=60)
    return out


def test_make_run_keeps_a_persistent_disk():
    disk = image_path("run-persist.img")
    if os.path.exists(disk):
        os.remove(disk)
    with open(log_file("test_make_run_keeps_a_persistent_disk"), "w") as log:
        make_run(disk, "vfs write /persist/note kept across boots", log)
        assert "kept across boots" in make_run(disk, "vfs cat /persist/note", log)
    rc, report = e2fsck(disk)
    assert rc == 0, report
